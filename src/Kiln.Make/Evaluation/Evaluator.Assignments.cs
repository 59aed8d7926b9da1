using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Syntax.Expressions;
using Kiln.Make.Syntax;
using Kiln.Make.Text;
using Kiln.Make.Variables;

namespace Kiln.Make.Evaluation;

public sealed partial class Evaluator
{
    /// <summary>make's try_variable_definition: expands the name of a parsed assignment, then defines it.</summary>
    internal Variable AssignVariable(VariableDefinition definition, Origin origin, SourceLocation location, VariableScope? targetScope)
    {
        var name = ExpandToString(definition.NameExpr);
        if (name.Length == 0) throw new UserError(location, "empty variable name");
        return DefineVariable(location, name, definition.ValueText, definition.ValueExpr, origin, definition.Operator, targetScope);
    }

    /// <summary>
    /// make's do_variable_definition: computes the new value for the operator (expanding for
    /// <c>:=</c>, running the shell for <c>!=</c>, keeping the old flavour for <c>+=</c>) and
    /// defines it globally, or in <paramref name="targetScope"/>'s set for a target-specific variable.
    /// </summary>
    internal Variable DefineVariable(SourceLocation location, string name, string value, Expr? valueExpr, Origin origin,
        AssignmentOperator op, VariableScope? targetScope, bool appendUnexpanded = false)
    {
        string newValue;
        Expr? parsed = null;
        bool recursive;
        var append = false;
        var conditional = false;
        Variable? appended = null;
        switch (op)
        {
            case AssignmentOperator.Simple:
                newValue = ExpandToString(valueExpr ?? ExprParser.Parse(value));
                recursive = false;
                break;
            case AssignmentOperator.Shell:
                newValue = RunShell(ExpandToString(valueExpr ?? ExprParser.Parse(value)), trimAllNewlines: false);
                recursive = true;
                break;
            case AssignmentOperator.Conditional:
                if (Variables.Lookup(name) is { } existing) return existing;
                conditional = true;
                newValue = value;
                parsed = valueExpr;
                recursive = true;
                break;
            case AssignmentOperator.Recursive:
                newValue = value;
                parsed = valueExpr;
                recursive = true;
                break;
            default:
                Variable? old;
                if (targetScope is not null)
                {
                    append = true;
                    old = targetScope.Set.Find(name);
                    if (old is not null && !old.IsAppend) append = false;
                }
                else
                {
                    old = Variables.Lookup(name);
                }
                if (old is null)
                {
                    newValue = value;
                    parsed = valueExpr;
                    recursive = true;
                    break;
                }
                var addition = value;
                recursive = old.IsRecursive;
                if (!recursive && !appendUnexpanded) addition = ExpandToString(valueExpr ?? ExprParser.Parse(value));
                if (addition.Length == 0) return old;
                if (targetScope is null && !old.HasEmptyValue && ReferenceEquals(Variables.Global.Find(name), old))
                {
                    appended = Variables.Append(old, addition, origin, location);
                    newValue = "";
                    break;
                }
                newValue = old.Value.Length > 0 ? old.Value + " " + addition : addition;
                break;
        }

        var v = appended ?? Variables.Define(name, newValue, origin, recursive, location, targetScope?.Set, parsed);
        v.IsAppend = append;
        v.IsConditional = conditional;
        if (name == ".RECIPEPREFIX" && targetScope is null) RecipePrefix = v.Value.Length == 0 ? '\t' : v.Value[0];
        return v;
    }
}
