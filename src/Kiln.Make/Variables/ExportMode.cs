namespace Kiln.Make.Variables;

/// <summary>What export/unexport said of a variable.</summary>
public enum ExportMode
{
    Default,
    Export,
    NoExport,
    IfSet,
}
