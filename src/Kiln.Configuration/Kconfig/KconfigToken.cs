namespace Kiln.Configuration.Kconfig;

public enum TokenKind : byte
{
    Eol, End, Word, QuotedWord, HelpText, AssignValue,
    Bool, Choice, Comment, Config, DefBool, DefTristate, Default, Depends, EndChoice, EndIf, EndMenu, Help, Hex, If, Imply,
    Int, MainMenu, Menu, MenuConfig, Modules, On, Optional, Prompt, Range, Reset, Select, Source, String, Tristate, Visible,
    Or, And, Equal, Unequal, Less, LessEqual, Greater, GreaterEqual, Not, OpenParen, CloseParen, ColonEqual, PlusEqual,
}

/// <summary>A token and the line it ends on.</summary>
public readonly record struct KconfigToken(TokenKind Kind, string? Text, int Line);
