using System;
using System.Collections.Generic;
using System.Linq;
using Libvirt.Engine.Errors;
using Libvirt.Engine.Migration;
using Libvirt.Engine.TypedParameters;
using Xunit;

namespace Libvirt.Tests.Unit.Migration
{
    /// <summary>
    /// The design's proof: a row added to a test instance of the tables (no code change anywhere) parses,
    /// validates, round-trips through JSON and typed parameters, and appears in listings, help and -WhatIf text.
    /// </summary>
    public class SyntheticRowTests
    {
        private const MigrationParameter Knob = (MigrationParameter)1000;
        private const MigrationFlag Turbo = (MigrationFlag)(1u << 30);

        private static readonly MigrationTables Tables = MigrationTables.Default
            .WithFlag(new MigrationFlagRow(Turbo, "VIR_MIGRATE_SYNTHETIC_TURBO", "99.0.0", "turbo",
                "A synthetic flag for tests.", name: "SyntheticTurbo"))
            .WithParameter(new MigrationParameterRow(Knob, "synthetic.knob_level", "VIR_MIGRATE_PARAM_SYNTHETIC_KNOB_LEVEL",
                MigrationValueKind.Int, "99.1.0", "A synthetic knob for tests.",
                unit: "notches", range: new MigrationRange(1, 5),
                rules: new[] { MigrationRule.Requires(MigrationCondition.Flag(Turbo), ErrorCode.InvalidArg, "Turn turbo on to tune it") },
                aliases: new[] { "Knob" }));

        [Fact]
        public void TheRowHasDerivedNameTypeAndRange()
        {
            var row = Tables[Knob];
            Assert.Equal("SyntheticKnobLevel", row.Name);
            Assert.Equal(typeof(int), row.ClrType);
            Assert.Equal(1m, row.Range!.Minimum);
            Assert.Equal(5m, row.Range.Maximum);
            Assert.Same(row, Tables.Parameters.Last());
            Assert.Equal(MigrationTables.Default.Parameters.Count + 1, Tables.Parameters.Count);
        }

        [Fact]
        public void ItParsesByNameAliasAndKey()
        {
            foreach (var key in new[] { "SyntheticKnobLevel", "syntheticknoblevel", "Knob", "synthetic.knob_level" })
            {
                var set = MigrationParameterSet.Parse(new Dictionary<string, object?> { [key] = "3", ["SyntheticTurbo"] = true }, Tables);
                Assert.Equal(3, set.Get<int>(Knob));
                Assert.True(set.HasFlag(Turbo));
            }
            var e = Assert.Throws<LibvirtException>(() => MigrationParameterSet.Parse(new Dictionary<string, object?> { ["Knob"] = 9 }, Tables));
            Assert.Equal("synthetic.knob_level", e.Target);
            Assert.Contains("1-5", e.Message);
            var unknown = Assert.Throws<LibvirtException>(() => MigrationParameterSet.Parse(new Dictionary<string, object?> { ["Nob"] = 1 }, Tables));
            Assert.Contains("SyntheticKnobLevel", unknown.Message);
            Assert.Contains("SyntheticTurbo", unknown.Message);
        }

        [Fact]
        public void ItRoundTripsThroughJsonAndTypedParameters()
        {
            var set = new MigrationParameterSet(Tables).Set(Knob, 4).SetFlag(Turbo).SetFlag(MigrationFlag.Live);
            var json = set.ToJson(false);
            Assert.Equal("{\"Flags\":[\"Live\",\"SyntheticTurbo\"],\"synthetic.knob_level\":4}", json);
            Assert.Equal(set, MigrationParameterSet.FromJson(json, Tables));

            var typed = set.ToTypedParameters();
            Assert.Equal(TypedParameterType.Int, typed.Single().Type);
            Assert.Equal("synthetic.knob_level", typed.Single().Field);
            Assert.Equal(set, MigrationParameterSet.FromTypedParameters(typed, set.Flags, Tables));
            // The default tables do not know the key and skip it.
            Assert.Equal(0, MigrationParameterSet.FromTypedParameters(typed).Count);
        }

        [Fact]
        public void ItsRulesAndReleaseAreValidated()
        {
            var set = new MigrationParameterSet(Tables).Set(Knob, 2);
            var e = Assert.Throws<LibvirtException>(() => MigrationValidator.Validate(set));
            Assert.Contains("Turn turbo on to tune it", e.Message);
            set.SetFlag(Turbo);
            MigrationValidator.Validate(set);
            var old = Assert.Throws<LibvirtException>(() => MigrationValidator.Validate(set, new Version(99, 0, 5)));
            Assert.Equal(ErrorCode.ArgumentUnsupported, old.Code);
            Assert.Equal("synthetic.knob_level", old.Target);
            MigrationValidator.Validate(set, new Version(99, 1, 0));
            var flagTooNew = Assert.Throws<LibvirtException>(() => MigrationValidator.Validate(set, new Version(98, 0, 0)));
            Assert.Contains("99.", flagTooNew.Message);
        }

        [Fact]
        public void ItAppearsInListingsHelpAndWhatIfText()
        {
            var entries = MigrationCatalog.List(Tables).ToList();
            var knob = entries.Single(e => e.Name == "SyntheticKnobLevel");
            Assert.Equal(MigrationCatalogKind.Parameter, knob.Kind);
            Assert.Equal("synthetic.knob_level", knob.Key);
            Assert.Equal("VIR_MIGRATE_PARAM_SYNTHETIC_KNOB_LEVEL", knob.Constant);
            Assert.Equal("int", knob.Type);
            Assert.Equal(new Version(99, 1, 0), knob.Since);
            Assert.Equal("1-5", knob.Allowed);
            Assert.Contains("requires flag SyntheticTurbo", knob.Rules);
            Assert.Contains("A synthetic knob for tests.", knob.Help);
            Assert.Contains("Range: 1-5", knob.Help);
            var turbo = entries.Single(e => e.Name == "SyntheticTurbo");
            Assert.Equal(1u << 30, turbo.Value);
            Assert.Contains("VIR_MIGRATE_SYNTHETIC_TURBO", turbo.Help);

            var set = new MigrationParameterSet(Tables).Set(Knob, 3).SetFlag(Turbo);
            Assert.Equal("Migrate domain 'd' from a to b: turbo; synthetic knob level 3 notches",
                MigrationDescriber.DescribeMigration("d", "a", "b", set));
        }
    }
}
