namespace Kiln.Make.Text;

/// <summary>GNU make's character classes (its "stop char map"), for the C locale.</summary>
internal static class CharClass
{
    /// <summary>Space or tab: what make calls a blank.</summary>
    public static bool IsBlank(char c) => c == ' ' || c == '\t';

    /// <summary>C isspace(): blanks plus newline, vertical tab, form feed and carriage return.</summary>
    public static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';

    /// <summary>Characters that may appear in a built-in function name.</summary>
    public static bool IsFunctionNameChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static int SkipSpace(string s, int i, int end)
    {
        while (i < end && IsSpace(s[i])) i++;
        return i;
    }

    public static int SkipBlank(string s, int i, int end)
    {
        while (i < end && IsBlank(s[i])) i++;
        return i;
    }

    /// <summary>End of the token starting at <paramref name="i"/>: the next space character or the end.</summary>
    public static int EndOfToken(string s, int i, int end)
    {
        while (i < end && !IsSpace(s[i])) i++;
        return i;
    }
}
