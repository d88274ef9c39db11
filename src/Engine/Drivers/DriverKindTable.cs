using System;
using System.Collections.Generic;

namespace Libvirt.Engine.Drivers
{
    /// <summary>
    /// The kinds one driver serves, by interface: what a driver's <see cref="IHypervisorDriver.Kind{TKind}"/>
    /// looks up. Drivers fill it once when they open; a kind that is not added is not supported.
    /// </summary>
    public sealed class DriverKindTable
    {
        private readonly Dictionary<Type, object> _kinds = new Dictionary<Type, object>();

        public DriverKindTable Add<TKind>(TKind kind) where TKind : class
        {
            _kinds.Add(typeof(TKind), kind ?? throw new ArgumentNullException(nameof(kind)));
            return this;
        }

        public TKind? Find<TKind>() where TKind : class => _kinds.TryGetValue(typeof(TKind), out var kind) ? (TKind)kind : null;
    }
}
