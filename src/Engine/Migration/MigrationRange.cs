using System.Globalization;

namespace Libvirt.Engine.Migration
{
    /// <summary>An inclusive numeric range for a parameter (decimal holds every int, uint and ulong exactly).</summary>
    public sealed class MigrationRange
    {
        public MigrationRange(decimal minimum, decimal maximum)
        {
            Minimum = minimum;
            Maximum = maximum;
        }

        public decimal Minimum { get; }
        public decimal Maximum { get; }

        public bool Contains(decimal value) => value >= Minimum && value <= Maximum;

        public override string ToString() =>
            Minimum.ToString(CultureInfo.InvariantCulture) + "-" + Maximum.ToString(CultureInfo.InvariantCulture);
    }
}
