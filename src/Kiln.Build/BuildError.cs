namespace Kiln.Build;

/// <summary>
/// A problem the user can fix (a bad option, a missing tool, a wrong hash, a failed step): its
/// message is complete and is printed as it is, without a stack trace.
/// </summary>
public sealed class BuildError(string message) : Exception(message);
