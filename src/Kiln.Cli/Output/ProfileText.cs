using System.Globalization;
using Kiln.Make.Evaluation;

namespace Kiln.Cli.Output;

/// <summary>What a scan's evaluations spent, part by part (<c>dump ... --stats</c>): where a cold scan's time goes.</summary>
public static class ProfileText
{
    // The parts past these are single files of a few Makefiles: the table says what dominates.
    private const int MostCostly = 15;

    public static string Format(EvaluationProfile profile)
    {
        var table = new TextTable("count", "ms", "µs each", "KB each", "part");
        foreach (var part in profile.Parts.Take(MostCostly))
        {
            table.Add(Number(part.Count), Number(part.Time.TotalMilliseconds), Number(part.Time.TotalMicroseconds / part.Count),
                Number(part.AllocatedBytes / 1024.0 / part.Count), part.Name);
        }
        return "kiln: time (elapsed on the evaluating threads, collections included) and memory allocated, by part; "
            + "an included file's figures hold those of the files it includes:\n" + table;
    }

    private static string Number(double value) => value.ToString("0", CultureInfo.InvariantCulture);
}
