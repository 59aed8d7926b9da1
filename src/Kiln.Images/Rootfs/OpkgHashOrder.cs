using System.Text;

namespace Kiln.Images.Rootfs;

/// <summary>
/// The order opkg writes its status file and each package's .list in: it keeps package names and
/// file paths in hash tables of 1024 buckets (djb2 of the name's bytes) and writes them by walking
/// the table, bucket after bucket, the names sharing a bucket in the order they entered it.
/// Reproducing it makes Kiln's database read like the one opkg leaves in an OpenWrt image.
/// </summary>
internal static class OpkgHashOrder
{
    private const int Buckets = 1024;

    public static int Bucket(string key)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(key) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(key, buffer)] : Encoding.UTF8.GetBytes(key);
        ulong hash = 5381;
        foreach (var b in bytes) hash = unchecked((hash << 5) + hash + b);
        return (int)(hash % Buckets);
    }

    /// <summary>The items in table order: by bucket of their key, then by when they entered the table.</summary>
    /// <param name="entered">The item's place in the order names entered the table.</param>
    public static T[] Sort<T>(IReadOnlyList<T> items, Func<T, string> key, Func<T, int> entered)
    {
        var keyed = new (int Bucket, int Entered, T Item)[items.Count];
        for (var i = 0; i < items.Count; i++) keyed[i] = (Bucket(key(items[i])), entered(items[i]), items[i]);
        Array.Sort(keyed, (a, b) => a.Bucket != b.Bucket ? a.Bucket.CompareTo(b.Bucket) : a.Entered.CompareTo(b.Entered));
        var sorted = new T[keyed.Length];
        for (var i = 0; i < keyed.Length; i++) sorted[i] = keyed[i].Item;
        return sorted;
    }
}
