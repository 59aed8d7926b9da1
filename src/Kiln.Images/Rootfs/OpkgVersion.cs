namespace Kiln.Images.Rootfs;

/// <summary>
/// A package version as opkg reads it: <c>[EPOCH:]UPSTREAM[-REVISION]</c>, the revision being
/// what follows the last '-', compared as dpkg compares versions (epoch as a number, then
/// upstream and revision piece by piece: runs of non-digits by character, '~' before anything,
/// letters before other characters; runs of digits by value).
/// </summary>
public sealed class OpkgVersion : IComparable<OpkgVersion>, IEquatable<OpkgVersion>
{
    private OpkgVersion(uint epoch, string upstream, string? revision)
    {
        Epoch = epoch;
        Upstream = upstream;
        Revision = revision;
    }

    public uint Epoch { get; }

    public string Upstream { get; }

    public string? Revision { get; }

    public static OpkgVersion Parse(string text)
    {
        var rest = text.Trim();
        uint epoch = 0;
        // opkg takes any ':' as the end of the epoch, and the digits before it (none: 0) as its value.
        var colon = rest.IndexOf(':');
        if (colon >= 0)
        {
            epoch = LeadingNumber(rest.AsSpan(0, colon));
            rest = rest[(colon + 1)..];
        }
        var dash = rest.LastIndexOf('-');
        return dash < 0 ? new OpkgVersion(epoch, rest, null) : new OpkgVersion(epoch, rest[..dash], rest[(dash + 1)..]);
    }

    private static uint LeadingNumber(ReadOnlySpan<char> text)
    {
        uint value = 0;
        foreach (var c in text)
        {
            if (!IsDigit(c)) break;
            value = unchecked((value * 10) + (uint)(c - '0'));
        }
        return value;
    }

    public int CompareTo(OpkgVersion? other)
    {
        if (other is null) return 1;
        if (Epoch != other.Epoch) return Epoch > other.Epoch ? 1 : -1;
        var upstream = ComparePart(Upstream, other.Upstream);
        return upstream != 0 ? upstream : ComparePart(Revision ?? "", other.Revision ?? "");
    }

    public bool Equals(OpkgVersion? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is OpkgVersion other && Equals(other);

    /// <summary>Versions that compare equal ("1.0" and "1.00") hash alike: only the epoch is hashed.</summary>
    public override int GetHashCode() => (int)Epoch;

    /// <summary>The version as opkg prints it: the epoch only when it is not 0.</summary>
    public override string ToString()
    {
        var version = Revision is null ? Upstream : Upstream + "-" + Revision;
        return Epoch == 0 ? version : $"{Epoch}:{version}";
    }

    /// <summary>dpkg's verrevcmp: the sign of the result says which piece is greater.</summary>
    private static int ComparePart(string left, string right)
    {
        int i = 0, j = 0;
        while (i < left.Length || j < right.Length)
        {
            while ((i < left.Length && !IsDigit(left[i])) || (j < right.Length && !IsDigit(right[j])))
            {
                var l = Order(At(left, i));
                var r = Order(At(right, j));
                if (l != r) return l - r;
                i++;
                j++;
            }
            while (At(left, i) == '0') i++;
            while (At(right, j) == '0') j++;
            var firstDifference = 0;
            while (IsDigit(At(left, i)) && IsDigit(At(right, j)))
            {
                if (firstDifference == 0) firstDifference = left[i] - right[j];
                i++;
                j++;
            }
            if (IsDigit(At(left, i))) return 1;
            if (IsDigit(At(right, j))) return -1;
            if (firstDifference != 0) return firstDifference;
        }
        return 0;
    }

    /// <summary>The character at an index, or NUL past the end (where the C code reads the terminator).</summary>
    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static int Order(char c) => c switch
    {
        '~' => -1,
        '\0' => 0,
        _ when IsDigit(c) => 0,
        _ when c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') => c,
        _ => c + 256,
    };

    private static bool IsDigit(char c) => c is >= '0' and <= '9';
}
