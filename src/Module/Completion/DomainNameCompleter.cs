using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Completion
{
    /// <summary>Completes -Name with the domain names of the host the command line targets (or the session's hosts).</summary>
    public sealed class DomainNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var cancel = new CancellationTokenSource(Budget))
            using (var resolver = new HostResolver(new ConnectOptions()))
            {
                try
                {
                    var uris = ToArray<string>(fakeBoundParameters["Uri"]);
                    var connections = ToArray<VMHostConnection>(fakeBoundParameters["Connection"]);
                    foreach (var host in resolver.Resolve(uris, connections, cancel.Token))
                        foreach (var d in host.Connection.Driver.ListDomains(cancel.Token))
                            if (pattern.IsMatch(d.Name)) names.Add(d.Name);
                }
                catch (Exception)
                {
                    // Completion must never break the command line: no host, no names.
                }
            }
            return names.Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
        }

        private static T[]? ToArray<T>(object? value) where T : class
        {
            switch (value)
            {
                case null: return null;
                case T one: return new[] { one };
                case PSObject ps: return ToArray<T>(ps.BaseObject);
                case IEnumerable many: return many.Cast<object>().Select(o => (o is PSObject p ? p.BaseObject : o) as T).Where(o => o != null).Cast<T>().ToArray();
                default: return null;
            }
        }

        private static string Quote(string name) =>
            name.Any(c => char.IsWhiteSpace(c) || "'\"$`;(){}[]|&,@#<>".IndexOf(c) >= 0) ? "'" + name.Replace("'", "''") + "'" : name;
    }
}
