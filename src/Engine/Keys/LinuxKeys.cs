using System;
using System.Collections.Generic;
using System.Globalization;
using Libvirt.Engine.Errors;

namespace Libvirt.Engine.Keys
{
    /// <summary>
    /// Key names for send-key, in libvirt's linux codeset (the numbers of linux/input-event-codes.h): the
    /// KEY_* names virsh takes, and the short names people type ('ctrl', 'alt', 'delete', 'f2', 'a').
    /// </summary>
    public static class LinuxKeys
    {
        /// <summary>VIR_DOMAIN_SEND_KEY_MAX_KEYS: keys pressed together in one call.</summary>
        public const int MaxKeys = 16;

        private static readonly Dictionary<string, uint> Names = Build();

        /// <summary>The linux keycode of a name ('ctrl', 'KEY_LEFTCTRL', 'f12') or null when there is none.</summary>
        public static uint? Find(string name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            var key = name.Trim().ToUpperInvariant();
            if (key.StartsWith("KEY_", StringComparison.Ordinal)) key = key.Substring(4);
            return Names.TryGetValue(key, out var code) ? code : (uint?)null;
        }

        /// <summary>
        /// Keys as typed: names in the linux codeset, or numbers (decimal or 0x hex) in any codeset. A bad
        /// name or count is an InvalidArg before anything is sent.
        /// </summary>
        public static uint[] Parse(IReadOnlyList<string> keys, bool namesAllowed)
        {
            if (keys == null || keys.Count == 0 || keys.Count > MaxKeys)
                throw LibvirtException.InvalidArg($"nkeycodes must be in range [1, {MaxKeys}], not {keys?.Count ?? 0}");
            var codes = new uint[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                var k = (keys[i] ?? "").Trim();
                if (TryNumber(k, out var n)) codes[i] = n;
                else if (!namesAllowed)
                    throw LibvirtException.InvalidArg($"key '{k}' is a name, and names are keys of the linux codeset; give numbers in other codesets");
                else
                    codes[i] = Find(k) ?? throw LibvirtException.InvalidArg($"invalid keycode: '{k}' (names are like 'ctrl', 'alt', 'delete', 'f2', 'a' or KEY_LEFTCTRL)");
            }
            return codes;
        }

        private static bool TryNumber(string s, out uint value)
        {
            if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                return uint.TryParse(s.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
            return uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        private static Dictionary<string, uint> Build()
        {
            var d = new Dictionary<string, uint>(StringComparer.Ordinal)
            {
                ["ESC"] = 1, ["MINUS"] = 12, ["EQUAL"] = 13, ["BACKSPACE"] = 14, ["TAB"] = 15,
                ["LEFTBRACE"] = 26, ["RIGHTBRACE"] = 27, ["ENTER"] = 28, ["LEFTCTRL"] = 29,
                ["SEMICOLON"] = 39, ["APOSTROPHE"] = 40, ["GRAVE"] = 41, ["LEFTSHIFT"] = 42, ["BACKSLASH"] = 43,
                ["COMMA"] = 51, ["DOT"] = 52, ["SLASH"] = 53, ["RIGHTSHIFT"] = 54, ["KPASTERISK"] = 55,
                ["LEFTALT"] = 56, ["SPACE"] = 57, ["CAPSLOCK"] = 58, ["NUMLOCK"] = 69, ["SCROLLLOCK"] = 70,
                ["F11"] = 87, ["F12"] = 88, ["KPENTER"] = 96, ["RIGHTCTRL"] = 97, ["SYSRQ"] = 99, ["RIGHTALT"] = 100,
                ["HOME"] = 102, ["UP"] = 103, ["PAGEUP"] = 104, ["LEFT"] = 105, ["RIGHT"] = 106, ["END"] = 107,
                ["DOWN"] = 108, ["PAGEDOWN"] = 109, ["INSERT"] = 110, ["DELETE"] = 111, ["POWER"] = 116,
                ["PAUSE"] = 119, ["LEFTMETA"] = 125, ["RIGHTMETA"] = 126, ["COMPOSE"] = 127, ["SLEEP"] = 142, ["WAKEUP"] = 143,
            };
            for (var i = 1; i <= 9; i++) d[i.ToString(CultureInfo.InvariantCulture)] = (uint)(i + 1);
            d["0"] = 11;
            for (var i = 1; i <= 10; i++) d["F" + i.ToString(CultureInfo.InvariantCulture)] = (uint)(58 + i);
            Letters(d, "QWERTYUIOP", 16);
            Letters(d, "ASDFGHJKL", 30);
            Letters(d, "ZXCVBNM", 44);
            // What people call them.
            Alias(d, "LEFTCTRL", "CTRL", "CONTROL", "LCTRL");
            Alias(d, "RIGHTCTRL", "RCTRL");
            Alias(d, "LEFTALT", "ALT", "LALT");
            Alias(d, "RIGHTALT", "RALT", "ALTGR");
            Alias(d, "LEFTSHIFT", "SHIFT", "LSHIFT");
            Alias(d, "RIGHTSHIFT", "RSHIFT");
            Alias(d, "LEFTMETA", "WIN", "META", "SUPER", "WINDOWS");
            Alias(d, "DELETE", "DEL");
            Alias(d, "ESC", "ESCAPE");
            Alias(d, "ENTER", "RETURN");
            Alias(d, "PAGEUP", "PGUP");
            Alias(d, "PAGEDOWN", "PGDN");
            Alias(d, "INSERT", "INS");
            Alias(d, "SYSRQ", "PRINT", "PRINTSCREEN", "PRTSC");
            Alias(d, "PAUSE", "BREAK");
            Alias(d, "DOT", "PERIOD");
            Alias(d, "APOSTROPHE", "QUOTE");
            Alias(d, "GRAVE", "BACKTICK");
            Alias(d, "WAKEUP", "WAKE");
            return d;
        }

        private static void Letters(Dictionary<string, uint> d, string row, uint first)
        {
            for (var i = 0; i < row.Length; i++) d[row[i].ToString()] = first + (uint)i;
        }

        private static void Alias(Dictionary<string, uint> d, string name, params string[] aliases)
        {
            foreach (var a in aliases) d[a] = d[name];
        }
    }
}
