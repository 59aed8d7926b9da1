using Kiln.Core.Errors;
using Kiln.Make.Diagnostics;
using Kiln.Make.Text;
using Kiln.Targets.Scanning;

namespace Kiln.Targets.Model;

/// <summary>The targets of a tree, read by a target scan (all boards, or one), and the boards that failed.</summary>
public sealed record TargetCatalog(IReadOnlyList<Target> Targets, IReadOnlyList<string> Failures)
{
    public static TargetCatalog Read(TargetScanOptions options)
    {
        var scan = new TargetScanner(options).Run();
        var targets = scan.Boards.Where(b => !b.Failed).SelectMany(b => TargetInfoParser.Parse(b.Block)).ToList();
        return new TargetCatalog(targets, scan.Failures.Select(f => f.Error!).ToList());
    }

    /// <summary>The board's own entry (for a board without subtargets, the only one).</summary>
    public Target? Board(string board) => Targets.FirstOrDefault(t => t.Id == board);

    /// <summary>
    /// BOARD/SUBTARGET, or BOARD for a board without subtargets (BOARD/generic is accepted for it
    /// too, the name OpenWrt's menus give it); a clear error when the tree has no such target.
    /// </summary>
    public Target Find(string id)
    {
        var parts = id.Split('/');
        var withoutSubtargets = Targets.FirstOrDefault(t => t.Id == parts[0] && !Targets.Any(s => s.Board == t.Board && s.Subtarget is not null));
        var found = parts.Length == 2
            ? Targets.FirstOrDefault(t => t.Id == id && t.Subtarget is not null) ?? (parts[1] == "generic" ? withoutSubtargets : null)
            : withoutSubtargets;
        if (found is not null) return found;
        var board = id.Split('/')[0];
        var subtargets = Targets.Where(t => t.Board == board && t.Subtarget is not null).Select(t => t.Id).ToList();
        // A board that could not be read is missing because of its own error: that is the message.
        if (subtargets.Count == 0 && Failures.Count > 0)
            throw UserError.FromMakeStyle(Failures.FirstOrDefault(f => f.Contains($"/{board}/", StringComparison.Ordinal)) ?? Failures[0]);
        var hint = subtargets.Count > 0 ? $"; {board} has {string.Join(", ", subtargets)}" : "";
        throw new UserError(SourceLocation.None, $"no target {id} in this tree{hint}");
    }
}
