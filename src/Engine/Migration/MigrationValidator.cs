using System;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Migration
{
    /// <summary>
    /// Checks a migration request before anything is sent: unknown flag bits, every value against its row,
    /// every cross-field rule of every row in use, and (when a host's libvirt version is known) that the host
    /// knows every parameter, flag and chosen value. All loops over the tables; no parameter is named here.
    /// </summary>
    public static class MigrationValidator
    {
        /// <summary>Throws the first problem found (a <see cref="LibvirtException"/>), if any.</summary>
        public static void Validate(MigrationParameterSet set, Version? hostVersion = null, string host = "destination", Version? qemuVersion = null)
        {
            var first = FindProblems(set, hostVersion, host).Concat(QemuProblems(set, qemuVersion, host)).FirstOrDefault();
            if (first != null) throw first;
        }

        /// <summary>Choices the host's QEMU no longer has (QEMU 10 has no multithread compression), before anything moves.</summary>
        public static IEnumerable<LibvirtException> QemuProblems(MigrationParameterSet set, Version? qemuVersion, string host)
        {
            if (qemuVersion == null) yield break;
            var version = Normalize(qemuVersion);
            foreach (var pair in set.Values)
                foreach (var item in pair.Key.Codec.Items(pair.Value))
                {
                    var choice = pair.Key.FindChoice(item);
                    if (choice?.RemovedInQemu != null && version >= choice.RemovedInQemu)
                        yield return MigrationErrors.Create(ErrorCode.ArgumentUnsupported,
                            $"{pair.Key.ChoiceNoun} '{choice.Value}' is not supported by QEMU {version} on the {host} host: QEMU {choice.RemovedInQemu.ToString(2)} removed it", pair.Key.Key);
                }
        }

        /// <summary>Every problem of the request, in table order: values, releases, then rules.</summary>
        public static IEnumerable<LibvirtException> FindProblems(MigrationParameterSet set, Version? hostVersion = null, string host = "destination")
        {
            if (set == null) throw new ArgumentNullException(nameof(set));
            var tables = set.Tables;

            var unknown = set.Flags & ~tables.AllFlagsMask;
            if (unknown != 0)
                yield return MigrationErrors.Create(ErrorCode.InvalidArg, $"unsupported flags (0x{unknown:x}) in migration", $"0x{unknown:x}");

            foreach (var pair in set.Values)
            {
                var row = pair.Key;
                var problem = Try(() => row.Codec.Check(row, pair.Value));
                if (problem != null) yield return problem;
            }

            if (hostVersion != null)
                foreach (var problem in VersionProblems(set, Normalize(hostVersion), host))
                    yield return problem;

            foreach (var pair in set.Values)
            {
                var row = pair.Key;
                foreach (var rule in row.Rules)
                    if (rule.IsBrokenBy(set)) yield return MigrationErrors.Create(rule.Code, rule.Message, row.Key);
                foreach (var item in row.Codec.Items(pair.Value))
                {
                    var choice = row.FindChoice(item);
                    if (choice == null) continue;
                    foreach (var rule in choice.Rules)
                        if (rule.IsBrokenBy(set)) yield return MigrationErrors.Create(rule.Code, rule.Message, row.Key);
                }
            }

            foreach (var flag in set.FlagRows)
                foreach (var rule in flag.Rules)
                    if (rule.IsBrokenBy(set)) yield return MigrationErrors.Create(rule.Code, rule.Message, flag.Constant);
        }

        private static IEnumerable<LibvirtException> VersionProblems(MigrationParameterSet set, Version version, string host)
        {
            foreach (var pair in set.Values)
            {
                var row = pair.Key;
                if (row.Since > version)
                    yield return MigrationErrors.Create(ErrorCode.ArgumentUnsupported,
                        $"parameter '{row.Key}' not supported: {row.Name} needs libvirt {row.Since} or newer on the {host} host, which runs {version}", row.Key);
                foreach (var item in row.Codec.Items(pair.Value))
                {
                    var choice = row.FindChoice(item);
                    if (choice != null && choice.Since > version)
                        yield return MigrationErrors.Create(ErrorCode.InvalidArg,
                            $"Unsupported {row.ChoiceNoun} '{choice.Value}': it needs libvirt {choice.Since} or newer on the {host} host, which runs {version}", row.Key);
                }
            }
            foreach (var flag in set.FlagRows)
                if (flag.Since > version)
                    yield return MigrationErrors.Create(ErrorCode.InvalidArg,
                        $"unsupported flags (0x{flag.Value:x}): {flag.Name} ({flag.Constant}) needs libvirt {flag.Since} or newer on the {host} host, which runs {version}", flag.Constant);
        }

        // Version(9, 0) compares lower than Version(9, 0, 0); libvirt versions always have three parts.
        private static Version Normalize(Version v) => new Version(v.Major, Math.Max(v.Minor, 0), Math.Max(v.Build, 0));

        private static LibvirtException? Try(Action check)
        {
            try { check(); return null; }
            catch (LibvirtException e) { return e; }
        }
    }
}
