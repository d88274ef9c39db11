using System;
using System.Collections.Generic;
using Libvirt.Engine.Migration.Json;
using Libvirt.Engine.TypedParameters;

namespace Libvirt.Engine.Migration.Codecs
{
    /// <summary>
    /// Everything that depends on a parameter's value kind, in one place per kind: conversion from user input,
    /// range and choice checks, JSON, typed parameters, display and equality. Consumers call the row's codec
    /// and never switch on the kind themselves.
    /// </summary>
    public abstract class MigrationValueCodec
    {
        public abstract MigrationValueKind Kind { get; }

        /// <summary>The .NET type of stored values (and of PowerShell dynamic parameters).</summary>
        public abstract Type ClrType { get; }

        /// <summary>The type's name in messages and listings: "int", "uint", "ulong", "string", "string[]".</summary>
        public abstract string TypeName { get; }

        /// <summary>The libvirt typed-parameter type of each value on the wire.</summary>
        public abstract TypedParameterType WireType { get; }

        /// <summary>True for keys libvirt repeats once per value.</summary>
        public virtual bool IsMultiValue => false;

        /// <summary>
        /// Converts user input (a .NET number of any width, a numeric string, a string, a list of strings) to the
        /// stored value; a value of the wrong type is an InvalidArg naming the key and the expected type.
        /// </summary>
        public abstract object Convert(MigrationParameterRow row, object? input);

        /// <summary>Checks a stored value against the row's range and allowed values.</summary>
        public abstract void Check(MigrationParameterRow row, object value);

        public abstract JsonValue ToJson(object value);

        /// <summary>Reads a value saved by <see cref="ToJson"/> (or written by hand).</summary>
        public object FromJson(MigrationParameterRow row, JsonValue json) => Convert(row, json.ToObject());

        /// <summary>Appends the value's typed parameter(s) under <paramref name="key"/>.</summary>
        public abstract void AddTypedParameters(TypedParameterList list, string key, object value);

        /// <summary>The value carried by typed parameters named after the row's key (all of them, in order), or null when there are none.</summary>
        public abstract object? FromTypedParameters(MigrationParameterRow row, IReadOnlyList<TypedParameter> entries);

        /// <summary>Text for -WhatIf, -Verbose and listings.</summary>
        public abstract string Format(object value);

        public abstract bool ValueEquals(object a, object b);

        /// <summary>Whether the value is, or contains, <paramref name="item"/> (case-insensitive).</summary>
        public virtual bool Includes(object value, string item) => false;

        /// <summary>How many values a stored value holds (1 for scalars).</summary>
        public virtual int CountValues(object value) => 1;

        /// <summary>The individual strings of a string or string-list value (for choice rules).</summary>
        public virtual IEnumerable<string> Items(object value) => Array.Empty<string>();
    }
}
