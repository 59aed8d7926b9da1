namespace Kiln.Lint.Checks;

/// <summary>
/// An SPDX license expression checked against the license list: ids (with an optional +),
/// <c>WITH</c> exceptions, <c>AND</c>/<c>OR</c> and parentheses. OpenWrt's PKG_LICENSE may also
/// list several expressions separated by spaces (all apply), so two operands side by side are
/// accepted as if joined by AND.
/// </summary>
public static class LicenseExpression
{
    /// <summary>What is wrong with <paramref name="text"/> as an expression, or null when it is valid.</summary>
    public static string? Problem(string text, LicenseList list)
    {
        var tokens = Tokens(text);
        var depth = 0;
        var expectOperand = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.ToUpperInvariant())
            {
                case "(":
                    depth++;
                    expectOperand = true;
                    continue;
                case ")":
                    if (expectOperand || --depth < 0) return "parentheses do not match";
                    continue;
                case "AND" or "OR":
                    if (expectOperand) return $"'{token}' has no license before it";
                    expectOperand = true;
                    continue;
                case "WITH":
                    if (expectOperand || i + 1 >= tokens.Count) return "'WITH' needs a license before it and an exception after it";
                    if (!list.IsException(tokens[i + 1])) return $"'{tokens[i + 1]}' is not an SPDX license exception";
                    i++;
                    continue;
            }
            if (token.EndsWith(',') || token.EndsWith(';') || token.Contains('/'))
                return $"'{token}': licenses are separated by spaces, AND or OR";
            if (!list.IsLicense(token) && !token.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase))
                return $"'{token}' is not an SPDX license identifier";
            expectOperand = false;
        }
        if (depth != 0) return "parentheses do not match";
        return expectOperand && tokens.Count > 0 ? "the expression ends with an operator" : null;
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                if (start >= 0) tokens.Add(text[start..i]);
                start = -1;
                if (c is '(' or ')') tokens.Add(c.ToString());
            }
            else if (start < 0)
            {
                start = i;
            }
        }
        return tokens;
    }
}
