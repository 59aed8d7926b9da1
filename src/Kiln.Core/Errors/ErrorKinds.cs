namespace Kiln.Core.Errors;

/// <summary>Which failures are the user's to fix, and how they are told of them.</summary>
public static class ErrorKinds
{
    /// <summary>
    /// A <see cref="UserError"/>, or a file-system problem the tree or the arguments caused (a file
    /// where a directory belongs, no permission, a full disk): the user can fix it, so it is reported
    /// as a message, never as a bug.
    /// </summary>
    public static bool IsUserCaused(Exception e) => e is UserError or IOException or UnauthorizedAccessException;

    /// <summary>What went wrong, in make's form when a makefile line is to blame.</summary>
    public static string Message(Exception e) => e is UserError { Location.IsKnown: true } located ? located.MakeStyle("kiln") : e.Message;

    /// <summary>The one line that reports a user-caused failure (see <see cref="IsUserCaused"/>).</summary>
    public static string Describe(Exception e) => e is UserError user ? user.Describe() : "kiln: " + e.Message;
}
