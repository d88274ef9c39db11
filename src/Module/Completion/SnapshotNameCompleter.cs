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
    /// <summary>Completes -SnapshotName with the snapshots of the domains -Name names, on the command line's hosts.</summary>
    public sealed class SnapshotNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var cancel = new CancellationTokenSource(Budget))
            using (var resolver = new HostResolver(new ConnectOptions()))
            {
                try
                {
                    var domains = Strings(fakeBoundParameters["Name"]) ?? new[] { "*" };
                    var hosts = resolver.Resolve(Strings(fakeBoundParameters["Uri"]), Connections(fakeBoundParameters["Connection"]), cancel.Token);
                    foreach (var d in ObjectSelector.ByNameAsync(ObjectKinds.Domain, hosts, domains, cancel.Token).GetAwaiter().GetResult())
                    {
                        if (d.Item == null) continue;
                        foreach (var s in d.Host!.Connection.Driver.Snapshots().ListAsync(d.Item.ToIdentity(), cancel.Token).GetAwaiter().GetResult())
                            if (s.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) names.Add(s.Name);
                    }
                }
                catch (Exception)
                {
                    // Completion must never break the command line.
                }
            }
            return names.Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
        }

        private static string[]? Strings(object? value) => value switch
        {
            null => null,
            string s => new[] { s },
            PSObject p => Strings(p.BaseObject),
            IEnumerable many => many.Cast<object>().Select(o => (o is PSObject p ? p.BaseObject : o)?.ToString()).Where(s => s != null).Cast<string>().ToArray(),
            _ => null,
        };

        private static VMHostConnection[]? Connections(object? value) => value switch
        {
            null => null,
            VMHostConnection c => new[] { c },
            PSObject p => Connections(p.BaseObject),
            IEnumerable many => many.Cast<object>().Select(o => (o is PSObject p ? p.BaseObject : o) as VMHostConnection).Where(c => c != null).Cast<VMHostConnection>().ToArray(),
            _ => null,
        };

        private static string Quote(string name) =>
            name.Any(c => char.IsWhiteSpace(c) || "'\"$`;(){}[]|&,@#<>".IndexOf(c) >= 0) ? "'" + name.Replace("'", "''") + "'" : name;
    }
}
