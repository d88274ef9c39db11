using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using Libvirt.Engine.Connections;
using Libvirt.Engine.Drivers;
using Libvirt.Engine.Model;
using Libvirt.PowerShell.Hosts;

namespace Libvirt.PowerShell.Completion
{
    /// <summary>
    /// Completes -Name with the names of one kind's objects on the host the command line targets (or the
    /// session's hosts). A kind's completer is a one-line subclass naming the kind (PowerShell needs a type).
    /// </summary>
    public abstract class ObjectNameCompleter<TObject, TIdentity> : IArgumentCompleter where TObject : class, ILibvirtObject
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);
        private readonly ObjectKind<TObject, TIdentity> _kind;

        private protected ObjectNameCompleter(ObjectKind<TObject, TIdentity> kind) { _kind = kind; }

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
                    var uris = ToArray<string>(fakeBoundParameters["Uri"]);
                    var connections = ToArray<VMHostConnection>(fakeBoundParameters["Connection"]);
                    var hosts = resolver.Resolve(uris, connections, cancel.Token);
                    var found = ObjectSelector.ByNameAsync(_kind, hosts, new[] { prefix + "*" }, cancel.Token).GetAwaiter().GetResult();
                    foreach (var s in found)
                        if (s.Item != null) names.Add(s.Item.Name);
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
