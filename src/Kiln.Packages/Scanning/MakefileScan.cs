using System.Text;
using Kiln.Make.Text;
using Kiln.OpenWrt.Scanning;
using Kiln.Packages.Scanning.Cache;

namespace Kiln.Packages.Scanning;

/// <summary>One Makefile's scan: its metadata text, or the error that stopped it.</summary>
/// <remarks>
/// One read from the scan cache keeps its text and facts as the record holds them until they are asked for: a dump
/// prints the text of thousands of Makefiles and reads the facts of none, a build reads the facts of the few it builds.
/// Decoding twice on a race is harmless: both give equal values.
/// </remarks>
public sealed class MakefileScan : IEquatable<MakefileScan>
{
    private readonly ReadOnlyMemory<byte> _encodedOutput;
    private readonly ReadOnlyMemory<byte> _encodedFacts;
    private string? _output;
    private MakefileFacts? _facts;

    public MakefileScan(string sourceMakefile, string output, string diagnostics, string? error, MakefileFacts facts)
    {
        SourceMakefile = sourceMakefile;
        Diagnostics = diagnostics;
        Error = error;
        _output = output;
        _facts = facts;
    }

    /// <param name="encodedOutput">The text as UTF-8, as the cache record holds it.</param>
    /// <param name="encodedFacts">The facts as the cache record holds them (<see cref="ScanCacheFile.DecodeFacts"/>).</param>
    internal MakefileScan(string sourceMakefile, ReadOnlyMemory<byte> encodedOutput, string diagnostics, string? error,
        ReadOnlyMemory<byte> encodedFacts)
    {
        SourceMakefile = sourceMakefile;
        Diagnostics = diagnostics;
        Error = error;
        _encodedOutput = encodedOutput;
        _encodedFacts = encodedFacts;
    }

    public string SourceMakefile { get; }

    public string Output => _output ??= Encoding.UTF8.GetString(_encodedOutput.Span);

    public string Diagnostics { get; }

    public string? Error { get; }

    public MakefileFacts Facts => _facts ??= ScanCacheFile.DecodeFacts(_encodedFacts);

    public bool Failed => Error is not null;

    /// <summary>The block OpenWrt writes for this Makefile: the Source-Makefile line, the output, a blank line.</summary>
    public string Block => MetadataBlock.Text(SourceMakefile, Output);

    /// <summary>
    /// Writes <see cref="Block"/> as bytes (the text is byte text: a character a byte). A text in ASCII, as nearly all
    /// is, has the same bytes in UTF-8: one from the cache is copied as the record holds it, without being decoded.
    /// </summary>
    public void WriteBlock(Stream output) =>
        MetadataBlock.Write(output, SourceMakefile,
            _output is null && System.Text.Ascii.IsValid(_encodedOutput.Span) ? _encodedOutput.Span : ByteText.GetBytes(Output));

    public bool Equals(MakefileScan? other) =>
        other is not null && SourceMakefile == other.SourceMakefile && Output == other.Output && Diagnostics == other.Diagnostics
        && Error == other.Error && Facts.Equals(other.Facts);

    public override bool Equals(object? obj) => Equals(obj as MakefileScan);

    public override int GetHashCode() => HashCode.Combine(SourceMakefile, Diagnostics, Error);
}
