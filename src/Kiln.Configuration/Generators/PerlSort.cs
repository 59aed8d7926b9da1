namespace Kiln.Configuration.Generators;

/// <summary>
/// Perl's <c>sort</c>: Peter McIlroy's natural merge sort as perl 5 runs it (runs found in pairs, then merged
/// depth first with a galloping search). OpenWrt's scripts sort with comparators that are not a total order
/// (package-metadata.pl orders a menu by "depends on" before names), so the result, and which pairs the
/// comparator sees, depend on the algorithm itself: only the same algorithm prints the same Kconfig text.
/// </summary>
internal static class PerlSort
{
    /// <summary>Pairs in the same order needed before a longer run is looked for (a run of 16).</summary>
    private const int PairsForRun = 8;

    /// <summary>Elements of one run that must precede the other run's head before the search doubles its step.</summary>
    private const int StepsBeforeGallop = 6;

    public static List<T> Sort<T>(IReadOnlyList<T> input, Comparison<T> compare)
    {
        var count = input.Count;
        var items = new[] { input.ToArray(), new T[count] };
        if (count <= 1) return [.. items[0]];
        // A run's first slot links to where the next run starts; kept beside the elements, in the same two areas.
        var links = new[] { new int[count + 1], new int[count + 1] };
        var stack = new (int Offset, int Runs)[64];
        var depth = 0;
        var level = 0;
        var offset = 0;
        stack[0] = (0, FindRuns(items[0], links[1], count, compare));
        while (true)
        {
            var runs = stack[depth].Runs;
            if (runs == 0)
            {
                // Both halves of this level exist: merge them, and keep merging up while the level above is complete.
                var from = level & 1;
                var to = (level & 1) == 0 ? 1 : 0;
                do
                {
                    offset = stack[depth].Offset;
                    offset = Merge(items[from], items[to], links[from], links[to], offset, compare);
                    if (--level == 0) return [.. items[0]];
                    depth--;
                    (from, to) = (to, from);
                } while ((runs = stack[depth].Runs) == 0);
            }
            stack[depth].Runs = 0;
            while (runs > 2)
            {
                level++;
                depth++;
                stack[depth] = (offset, runs / 2);
                runs -= runs / 2;
            }
            // The runs still lie where FindRuns left them; the merged result of this level belongs in area level & 1.
            var inAux = (level & 1) != 0;
            if (runs == 1)
            {
                if (inAux)
                {
                    var start = offset;
                    offset = links[1][start];
                    Copy(items[0], items[1], start, offset);
                    links[0][start] = offset;
                }
                else if (level == 0) return [.. items[0]];
            }
            else
            {
                level++;
                depth++;
                stack[depth] = (offset, 0);
                if (!inAux)
                {
                    var start = offset;
                    var middle = links[1][start];
                    var end = links[1][middle];
                    offset = middle;
                    Copy(items[0], items[1], start, end);
                    links[0][start] = middle;
                    links[0][middle] = end;
                }
            }
        }
    }

    /// <summary>Copies at least one element, as the C macro's do-while does.</summary>
    private static void Copy<T>(T[] from, T[] to, int start, int end)
    {
        var i = start;
        do to[i] = from[i]; while (++i < end);
    }

    /// <summary>
    /// Two adjacent runs (of <paramref name="list"/>, linked in <paramref name="targetLinks"/>) merged into
    /// <paramref name="target"/>; equal elements keep their order. Returns where the merged run ends.
    /// </summary>
    private static int Merge<T>(T[] list, T[] target, int[] listLinks, int[] targetLinks, int offset, Comparison<T> compare)
    {
        var first = offset;
        var runStart = offset;
        var output = offset;
        var firstEnd = targetLinks[offset];
        var second = firstEnd;
        var secondEnd = targetLinks[firstEnd];
        var end = secondEnd;
        while (first < firstEnd && second < secondEnd)
        {
            // q is the head to place; "strictly less than q" treats equality by which run q came from (stability).
            int q, low, high, sense;
            if (compare(list[first], list[second]) <= 0)
            {
                q = second;
                low = first;
                high = firstEnd;
                sense = -1;
            }
            else
            {
                q = first;
                low = second;
                high = secondEnd;
                sense = 0;
            }
            for (int step = 1, run = 0; ; )
            {
                var probe = low + step;
                if (probe >= high)
                {
                    probe = high - 1;
                    if (probe > low && compare(list[q], list[probe]) <= sense) high = probe;
                    else low = probe;
                    break;
                }
                if (compare(list[q], list[probe]) <= sense)
                {
                    high = probe;
                    break;
                }
                low = probe;
                if (++run >= StepsBeforeGallop) step += step;
            }
            low++;
            while (low < high)
            {
                var probe = low + (high - low - 1) / 2;
                if (compare(list[q], list[probe]) <= sense) high = probe;
                else low = probe + 1;
            }
            if (q == first)
            {
                do target[output++] = list[second++]; while (second < high);
                target[output++] = list[first++];
            }
            else
            {
                do target[output++] = list[first++]; while (first < high);
                target[output++] = list[second++];
            }
        }
        if (first == firstEnd)
        {
            if (second < secondEnd)
                do target[output++] = list[second++]; while (second < secondEnd);
        }
        else
        {
            do target[output++] = list[first++]; while (first < firstEnd);
        }
        listLinks[runStart] = output;
        return end;
    }

    /// <summary>
    /// Splits <paramref name="list"/> into ascending runs in place (descending pairs and runs reversed), linking each run's start to
    /// the next in <paramref name="links"/>; returns how many runs.
    /// </summary>
    private static int FindRuns<T>(T[] list, int[] links, int count, Comparison<T> compare)
    {
        bool Descends(int i, int j) => compare(list[i], list[j]) > 0;
        var runs = 0;
        var b = 0;
        var link = 0;
        var sense = Descends(0, 1);
        while (b < count)
        {
            // t: the end of the pairs that compare with the current sense.
            int p = b + 2, t = p;
            while (++p < count)
            {
                if (Descends(t, p) != sense) break;
                t = ++p;
            }
            var q = b;
            int r;
            do
            {
                p = r = b + 2 * PairsForRun;
                if (r >= t) p = r = t;
                else
                {
                    while (Descends(p - 1, p) == sense && (p -= 2) > q) { }
                    if (p <= q)
                    {
                        // b to r is one long run: extend it as far as it goes.
                        p = q = r;
                        while ((p += 2) < t && Descends(p - 1, p) == sense) q = p;
                        r = p = q + 2;
                    }
                }
                if (q > b)
                {
                    var saved = p;
                    p = q += 2;
                    if (p == t && t + 1 == count && Descends(p - 1, p) == sense) saved = r = p = q = count;
                    links[link] = link + (p - b);
                    link = links[link];
                    runs++;
                    if (sense)
                        for (; b < --p; b++) (list[b], list[p]) = (list[p], list[b]);
                    p = saved;
                }
                while (q < p)
                {
                    links[link] = link + 2;
                    link += 2;
                    runs++;
                    if (sense) (list[q], list[q + 1]) = (list[q + 1], list[q]);
                    q += 2;
                }
                b = p;
                if (b == t && t + 1 == count)
                {
                    links[link] = link + 1;
                    runs++;
                    b++;
                }
                q = r;
            } while (b < t);
            sense = !sense;
        }
        return runs;
    }
}
