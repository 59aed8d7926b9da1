using Kiln.Lint.Findings;
using Kiln.Lint.Packages;

namespace Kiln.Lint.Checks;

/// <summary>One family of rules, run on one package at a time (on any thread: a check keeps no state).</summary>
public interface IPackageCheck
{
    IEnumerable<Finding> Check(LintedPackage package);
}
