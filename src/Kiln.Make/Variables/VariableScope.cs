namespace Kiln.Make.Variables;

/// <summary>
/// The chain of variable sets a lookup walks: innermost $(call)/$(foreach) scopes first, then a
/// target's sets, then the global set. <see cref="NextIsParent"/> marks where a target's own set
/// gives way to inherited ones, where private variables stop being visible.
/// </summary>
public sealed class VariableScope(VariableSet set, VariableScope? next, bool nextIsParent = false)
{
    public VariableSet Set { get; } = set;

    public VariableScope? Next { get; } = next;

    public bool NextIsParent { get; } = nextIsParent;
}
