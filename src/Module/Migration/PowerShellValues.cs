using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Libvirt.Engine.Errors;

namespace Libvirt.PowerShell.Migration
{
    /// <summary>
    /// Turns what PowerShell binds (hashtables, objects from ConvertFrom-Json or Import-PowerShellDataFile,
    /// values wrapped in PSObject) into plain .NET values for the engine.
    /// </summary>
    internal static class PowerShellValues
    {
        public static object? Unwrap(object? value)
        {
            if (value is PSObject ps) value = ps.BaseObject;
            switch (value)
            {
                case null: return null;
                case SwitchParameter sw: return sw.IsPresent;
                case string _: return value;
                case IDictionary _: return value;
                case IEnumerable items:
                    return items.Cast<object?>().Select(Unwrap).ToArray();
                default: return value;
            }
        }

        /// <summary>The keys and values of a hashtable, or the properties of any other object.</summary>
        public static IDictionary<string, object?> ToDictionary(object input, string parameterName)
        {
            var result = new OrderedPairs();
            var value = input is PSObject ps && !(ps.BaseObject is PSCustomObject) ? ps.BaseObject : input;
            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry e in dictionary)
                {
                    var key = Unwrap(e.Key) as string
                        ?? throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.None, $"-{parameterName}: every key must be a string, not '{e.Key}'.") { Target = parameterName };
                    result.Add(key, Unwrap(e.Value));
                }
                return result;
            }
            if (value is string || value is ValueType)
                throw new LibvirtException(ErrorCode.InvalidArg, ErrorDomain.None,
                    $"-{parameterName} takes a hashtable or an object with properties (for example from ConvertFrom-Json), not '{value}'.") { Target = parameterName };
            foreach (var property in PSObject.AsPSObject(input).Properties)
            {
                if (!(property is PSNoteProperty) && !(property is PSProperty)) continue;
                result.Add(property.Name, Unwrap(property.Value));
            }
            return result;
        }

        /// <summary>A dictionary that keeps insertion order and lets the engine report duplicate keys itself.</summary>
        private sealed class OrderedPairs : List<KeyValuePair<string, object?>>, IDictionary<string, object?>
        {
            public object? this[string key]
            {
                get => this.First(p => p.Key == key).Value;
                set => Add(key, value);
            }

            public ICollection<string> Keys => this.Select(p => p.Key).ToList();
            public ICollection<object?> Values => this.Select(p => p.Value).ToList();
            public bool IsReadOnly => false;
            public void Add(string key, object? value) => Add(new KeyValuePair<string, object?>(key, value));
            public bool ContainsKey(string key) => this.Any(p => p.Key == key);
            public bool Remove(string key) => RemoveAll(p => p.Key == key) > 0;

            public bool TryGetValue(string key, out object? value)
            {
                foreach (var p in this)
                    if (p.Key == key) { value = p.Value; return true; }
                value = null;
                return false;
            }
        }
    }
}
