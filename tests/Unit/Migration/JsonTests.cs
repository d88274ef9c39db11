using System;
using System.Linq;
using Libvirt.Engine.Migration.Json;
using Xunit;

namespace Libvirt.Tests.Unit.Migration
{
    public class JsonTests
    {
        [Fact]
        public void StringsWithEscapesRoundTrip()
        {
            var s = "q\" b\\ n\n t\t c\u0001 ü € /";
            var json = JsonValue.String(s).ToJson();
            Assert.Equal("\"q\\\" b\\\\ n\\n t\\t c\\u0001 ü € /\"", json);
            Assert.Equal(s, JsonValue.Parse(json).Text);
            Assert.Equal("a/\u00e9", JsonValue.Parse("\"a\\/\\u00e9\"").Text);
        }

        [Fact]
        public void NumbersKeepTheirLiteral()
        {
            var v = JsonValue.Parse("[18446744073709551615, -1, 0.5, 1e3]");
            Assert.Equal(new[] { "18446744073709551615", "-1", "0.5", "1e3" }, v.Items.Select(i => i.Text));
            Assert.Equal(18446744073709551615m, v.Items[0].ToObject());
            Assert.Equal("[18446744073709551615,-1,0.5,1e3]", v.ToJson(false));
        }

        [Fact]
        public void ObjectsKeepPropertyOrder()
        {
            var v = JsonValue.Parse(" { \"b\" : true , \"a\" : [ null , {} , [] ] } ");
            Assert.Equal(new[] { "b", "a" }, v.Properties.Select(p => p.Key));
            Assert.Equal("{\"b\":true,\"a\":[null,{},[]]}", v.ToJson(false));
            Assert.Equal("{\n  \"b\": true,\n  \"a\": [null, {}, []]\n}", v.ToJson());
        }

        [Theory]
        [InlineData("")]
        [InlineData("{")]
        [InlineData("{\"a\" 1}")]
        [InlineData("[1,]")]
        [InlineData("01")]
        [InlineData("-")]
        [InlineData("\"unterminated")]
        [InlineData("\"bad \\x escape\"")]
        [InlineData("tru")]
        [InlineData("{} {}")]
        [InlineData("\"tab\tinside\"")]
        public void MalformedJsonIsRefused(string json) => Assert.Throws<FormatException>(() => JsonValue.Parse(json));

        [Fact]
        public void DeepNestingIsRefused() =>
            Assert.Throws<FormatException>(() => JsonValue.Parse(new string('[', 100) + new string(']', 100)));
    }
}
