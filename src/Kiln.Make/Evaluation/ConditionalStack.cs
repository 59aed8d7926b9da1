using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Syntax;
using Kiln.Make.Text;

namespace Kiln.Make.Evaluation;

/// <summary>
/// The if/else/endif state of one makefile or $(eval) text (make's struct conditionals and
/// conditional_line). Each level is 0 (reading), 1 (not yet taken) or 2 (already taken).
/// </summary>
internal sealed class ConditionalStack
{
    private readonly List<int> _ignoring = [];
    private readonly List<bool> _seenElse = [];

    public int Depth { get; private set; }

    /// <summary>Applies a directive: returns -1 for invalid syntax, 1 if lines that follow are ignored, 0 if they are read.</summary>
    public int Apply(ConditionalSyntax c, Evaluator ev, SourceLocation at)
    {
        switch (c.Kind)
        {
            case ConditionalKind.Endif:
                if (c.ExtraText) ExtraText(ev, at, c);
                if (Depth == 0) throw new UserError(at, "extraneous 'endif'");
                Depth--;
                return Result();
            case ConditionalKind.Else:
                ApplyElse(c, ev, at);
                return Result();
        }

        var o = Depth++;
        while (_ignoring.Count < Depth)
        {
            _ignoring.Add(0);
            _seenElse.Add(false);
        }
        _seenElse[o] = false;
        for (var i = 0; i < o; i++)
        {
            if (_ignoring[i] == 0) continue;
            // Already ignoring: push a level to match the next else/endif without expanding anything.
            _ignoring[o] = 1;
            return 1;
        }

        if (c.Kind is ConditionalKind.Ifdef or ConditionalKind.Ifndef)
        {
            var text = ev.ExpandToString(c.Left!);
            var end = CharClass.EndOfToken(text, 0, text.Length);
            if (CharClass.SkipSpace(text, end, text.Length) < text.Length) return -1;
            var v = ev.Variables.Lookup(text.AsSpan(0, end));
            var defined = v is not null && v.Value.Length > 0;
            _ignoring[o] = defined == (c.Kind == ConditionalKind.Ifndef) ? 1 : 0;
        }
        else
        {
            if (c.Invalid) return -1;
            var left = ev.ExpandToString(c.Left!);
            if (c.ExtraText) ExtraText(ev, at, c);
            var right = ev.ExpandToString(c.Right!);
            _ignoring[o] = (left == right) == (c.Kind == ConditionalKind.Ifneq) ? 1 : 0;
        }
        return Result();
    }

    private void ApplyElse(ConditionalSyntax c, Evaluator ev, SourceLocation at)
    {
        if (Depth == 0) throw new UserError(at, "extraneous 'else'");
        var o = Depth - 1;
        if (_seenElse[o]) throw new UserError(at, "only one 'else' per conditional");
        _ignoring[o] = _ignoring[o] switch
        {
            0 => 2,
            1 => 0,
            var same => same,
        };
        if (!c.HasTail)
        {
            _seenElse[o] = true;
            return;
        }
        if (c.Chained is null || Apply(c.Chained, ev, at) < 0)
        {
            ExtraText(ev, at, c);
            return;
        }
        // The chained conditional pushed a level of its own; fold it into this one.
        if (_ignoring[o] < 2) _ignoring[o] = _ignoring[o + 1];
        Depth--;
    }

    private int Result()
    {
        for (var i = 0; i < Depth; i++)
            if (_ignoring[i] != 0) return 1;
        return 0;
    }

    private static void ExtraText(Evaluator ev, SourceLocation at, ConditionalSyntax c) =>
        ev.Warn(at, $"extraneous text after '{c.Keyword}' directive");
}
