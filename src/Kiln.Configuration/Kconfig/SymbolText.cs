namespace Kiln.Configuration.Kconfig;

/// <summary>Kconfig's checks and readings of a value's text: valid ints and hexes, and numbers read as C's strtoll reads them.</summary>
public static class SymbolText
{
    /// <summary>Kconfig's sym_string_valid: whether the text is a value of that type.</summary>
    public static bool IsValid(SymbolType type, string text)
    {
        switch (type)
        {
            case SymbolType.String:
                return true;
            case SymbolType.Int:
            {
                var i = 0;
                if (i < text.Length && text[i] == '-') i++;
                if (i >= text.Length || !char.IsAsciiDigit(text[i])) return false;
                if (text[i] == '0' && i + 1 < text.Length) return false;
                for (i++; i < text.Length; i++)
                    if (!char.IsAsciiDigit(text[i])) return false;
                return true;
            }
            case SymbolType.Hex:
            {
                var i = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? 2 : 0;
                // As Kconfig's check: the first character is tested even when it is the end of the text.
                if (i >= text.Length) return false;
                for (; i < text.Length; i++)
                    if (!char.IsAsciiHexDigit(text[i])) return false;
                return true;
            }
            case SymbolType.Boolean or SymbolType.Tristate:
                return text.Length > 0 && text[0] is 'y' or 'Y' or 'm' or 'M' or 'n' or 'N';
            default:
                return false;
        }
    }

    /// <summary>
    /// C's strtoll/strtoull: leading blanks, a sign, a 0x prefix for base 16 (base 0: 0x is hex, a
    /// leading 0 octal), digits as long as they come. Returns the value, how many characters were
    /// read (0: none) and whether it overflowed.
    /// </summary>
    public static (long Value, int Consumed, bool Overflow) ParseInteger(string text, int radix, bool unsigned = false)
    {
        var i = 0;
        while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r' or '\f' or '\v') i++;
        var negative = false;
        if (i < text.Length && text[i] is '+' or '-')
        {
            negative = text[i] == '-';
            i++;
        }
        if (radix is 0 or 16 && i + 1 < text.Length && text[i] == '0' && text[i + 1] is 'x' or 'X' && i + 2 < text.Length &&
            char.IsAsciiHexDigit(text[i + 2]))
        {
            i += 2;
            radix = 16;
        }
        else if (radix == 0)
        {
            radix = i < text.Length && text[i] == '0' ? 8 : 10;
        }
        var start = i;
        ulong magnitude = 0;
        var overflow = false;
        for (; i < text.Length; i++)
        {
            var digit = DigitValue(text[i]);
            if (digit < 0 || digit >= radix) break;
            var next = magnitude * (ulong)radix + (ulong)digit;
            if (next / (ulong)radix != magnitude && !overflow || magnitude > ulong.MaxValue / (ulong)radix) overflow = true;
            magnitude = next;
        }
        if (i == start) return (0, 0, false);
        if (unsigned)
        {
            if (overflow) return (-1, i, true);
            return ((long)(negative ? (ulong)-(long)magnitude : magnitude), i, false);
        }
        if (overflow || (!negative && magnitude > long.MaxValue) || (negative && magnitude > (ulong)long.MaxValue + 1))
            return (negative ? long.MinValue : long.MaxValue, i, true);
        return (negative ? (long)(0 - magnitude) : (long)magnitude, i, false);
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };
}
