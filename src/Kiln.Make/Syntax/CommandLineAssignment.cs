namespace Kiln.Make.Syntax;

/// <summary>Tells command-line variable assignments (<c>VAR=value</c>) from goals, as make does.</summary>
public static class CommandLineAssignment
{
    public static bool IsAssignment(string argument) => VariableDefinition.TryParse(argument, 0) is not null;
}
