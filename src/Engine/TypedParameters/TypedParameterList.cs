using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Libvirt.Engine.TypedParameters
{
    /// <summary>
    /// An ordered list of typed parameters. A field may repeat: that is how libvirt sends multi-value keys
    /// such as migrate_disks and compression.
    /// </summary>
    public sealed class TypedParameterList : IReadOnlyList<TypedParameter>
    {
        private readonly List<TypedParameter> _items = new List<TypedParameter>();

        public TypedParameterList() { }

        public TypedParameterList(IEnumerable<TypedParameter> items) => _items.AddRange(items);

        public int Count => _items.Count;
        public TypedParameter this[int index] => _items[index];

        public void Add(TypedParameter p) => _items.Add(p ?? throw new ArgumentNullException(nameof(p)));

        public TypedParameter? Find(string field) => _items.FirstOrDefault(p => p.Field == field);

        public IEnumerable<TypedParameter> FindAll(string field) => _items.Where(p => p.Field == field);

        public bool TryGetUInt64(string field, out ulong value)
        {
            var p = Find(field);
            if (p == null || p.Type == TypedParameterType.String) { value = 0; return false; }
            value = p.AsUInt64();
            return true;
        }

        public string? GetString(string field) => Find(field)?.Value as string;

        public IEnumerator<TypedParameter> GetEnumerator() => _items.GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
