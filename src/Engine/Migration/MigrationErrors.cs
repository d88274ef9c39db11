using System;
using System.Globalization;
using System.Linq;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// Builds the engine's migration errors: libvirt's codes, libvirt's message prefixes, and the parameter
    /// key (or flag constant) as <see cref="LibvirtException.Target"/>.
    /// </summary>
    public static class MigrationErrors
    {
        public static LibvirtException Create(ErrorCode code, string message, string? target) =>
            new LibvirtException(code, ErrorDomain.Domain, Prefix(code) + message) { Target = target };

        // libvirt's virErrorMsg() texts for the codes migration uses.
        private static string Prefix(ErrorCode code) => code switch
        {
            ErrorCode.InvalidArg => "invalid argument: ",
            ErrorCode.ArgumentUnsupported => "argument unsupported: ",
            ErrorCode.OperationUnsupported => "Operation not supported: ",
            ErrorCode.OperationInvalid => "Requested operation is not valid: ",
            ErrorCode.InternalError => "internal error: ",
            ErrorCode.Overflow => "value too large: ",
            _ => "",
        };

        internal static LibvirtException WrongType(MigrationParameterRow row, object? value) =>
            Create(ErrorCode.InvalidArg,
                $"invalid type '{Describe(value)}' for parameter '{row.Key}' ({row.Name}), expected '{row.Codec.TypeName}'",
                row.Key);

        internal static LibvirtException OutOfRange(MigrationParameterRow row, decimal value, string range) =>
            Create(ErrorCode.InvalidArg,
                $"value {value.ToString(CultureInfo.InvariantCulture)} of parameter '{row.Key}' ({row.Name}) is out of range {range}",
                row.Key);

        internal static LibvirtException UnknownKey(string key, MigrationTables tables) =>
            Create(ErrorCode.InvalidArg,
                $"unknown migration parameter '{key}'; valid names are: " +
                string.Join(", ", tables.Parameters.Select(r => r.Name).Concat(tables.Flags.Select(f => f.Name))) +
                " (libvirt keys such as 'compression.mt.level' are accepted too)",
                key);

        internal static LibvirtException UnknownFlag(string name, MigrationTables tables) =>
            Create(ErrorCode.InvalidArg,
                $"unknown migration flag '{name}'; valid flags are: " + string.Join(", ", tables.Flags.Select(f => f.Name)),
                name);

        private static string Describe(object? value)
        {
            if (value == null) return "null";
            var t = value.GetType();
            return t.IsArray ? t.GetElementType()!.Name + "[]" : t.Name;
        }

        internal static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        internal static string Quote(object value) => "'" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'";
    }
}
