using System.Text;
using Kiln.Core.Errors;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Which packages an image gets, found as opkg's <c>install</c> finds them for Image Builder, so
/// that the same requests give the same packages in the same order:
/// <list type="bullet">
/// <item>requests in order (the user's before the target's and profiles', as Image Builder lists
/// them); each package's Depends entries in order, depth first, a dependency's own dependencies
/// before it (opkg's install order);</item>
/// <item>a dependency already installed (or provided by an installed package) in an acceptable
/// version is met; else the first alternative of "a | b" that some package answers to;</item>
/// <item>among several packages answering to a name, opkg's score: the one named so, then one a
/// request names, then the last by name; a request for a virtual name gets an installed provider,
/// else the first by name;</item>
/// <item>Conflicts name packages, not provided names; unlike opkg, they are checked both ways, and
/// a package that provides the name of another installed package conflicts with it (OpenWrt's
/// variants: dnsmasq-full provides dnsmasq, and opkg stops at the files they share);</item>
/// <item>unlike opkg, a package the user's list removes (<c>-name</c>) that another one needs is
/// refused rather than installed anyway.</item>
/// </list>
/// Every failure is one sentence naming the packages, who asked for each, what the feeds have
/// instead and the fix when there is an obvious one; several are joined with "; ".
/// </summary>
public static class InstallPlanner
{
    public static InstallPlan Resolve(PackageFeed feed, IReadOnlyList<PackageRequest> installs, IReadOnlyList<PackageRequest> removals) =>
        new Resolution(feed, installs, removals).Run();

    /// <summary>The state of one resolution: what is placed, which packages' dependencies were looked at, why each is there.</summary>
    private sealed class Resolution
    {
        private readonly PackageFeed _feed;
        private readonly List<PackageRequest> _requests = [];
        private readonly IReadOnlyList<PackageRequest> _removals;
        private readonly HashSet<string> _requestedNames = new(StringComparer.Ordinal);
        private readonly List<FeedPackage> _placed = [];
        private readonly HashSet<string> _placedNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _checked = new(StringComparer.Ordinal);
        private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
        private readonly HashSet<string> _autoInstalled = new(StringComparer.Ordinal);
        private readonly Dictionary<string, RequestChain> _why = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _choices = new(StringComparer.Ordinal);
        private readonly List<string> _problems = [];

        public Resolution(PackageFeed feed, IReadOnlyList<PackageRequest> installs, IReadOnlyList<PackageRequest> removals)
        {
            _feed = feed;
            _removals = removals;
            var removed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var removal in removals) removed.Add(removal.Name);
            foreach (var install in installs)
            {
                if (removed.Contains(install.Name)) continue;
                _requests.Add(install);
                _requestedNames.Add(install.Name);
            }
        }

        public InstallPlan Run()
        {
            foreach (var request in _requests)
            {
                if (ForRequest(request) is not { } package) continue;
                // A request explains a package better than the dependency that brought it in first.
                if (_requested.Add(package.Name)) _why[package.Name] = RequestChain.Asked(request);
                Install(package);
            }
            CheckConflicts();
            CheckRemovals();
            if (_problems.Count > 0) throw new UserError(string.Join("; ", _problems));
            var planned = new List<PlannedPackage>(_placed.Count);
            foreach (var package in _placed)
            {
                var name = package.Name;
                planned.Add(new PlannedPackage(package, _why[name], _requested.Contains(name), _autoInstalled.Contains(name),
                    _choices.GetValueOrDefault(name)));
            }
            return new InstallPlan(planned, StatusOrder(planned));
        }

        private void Problem(string message)
        {
            if (!_problems.Contains(message)) _problems.Add(message);
        }

        /// <summary>opkg's install of one package: its missing dependencies first (each marked auto-installed), then itself.</summary>
        private void Install(FeedPackage package)
        {
            if (_placedNames.Contains(package.Name)) return;
            var needed = new List<FeedPackage>();
            var missing = new List<(Dependency Dependency, FeedPackage Dependent)>();
            CollectMissing(package, needed, missing);
            if (missing.Count > 0)
            {
                // opkg installs nothing of a package whose dependencies cannot be met; the next request goes on.
                foreach (var (dependency, dependent) in missing) Problem(DescribeMissing(dependency, dependent));
                return;
            }
            foreach (var dependency in needed)
            {
                if (_placedNames.Contains(dependency.Name)) continue;
                Install(dependency);
                _autoInstalled.Add(dependency.Name);
            }
            // A dependency cycle may have installed the package on the way.
            if (_placedNames.Add(package.Name)) _placed.Add(package);
        }

        /// <summary>
        /// The packages a package still needs, each after what it needs in turn (opkg's
        /// pkg_hash_fetch_unsatisfied_dependencies); a package's dependencies are looked at once.
        /// </summary>
        private void CollectMissing(FeedPackage package, List<FeedPackage> needed, List<(Dependency, FeedPackage)> missing)
        {
            if (!_checked.Add(package.Name)) return;
            foreach (var dependency in package.Depends)
            {
                if (IsMet(dependency)) continue;
                FeedPackage? chosen = null;
                DependencyTarget? chosenFor = null;
                foreach (var target in dependency.Alternatives)
                {
                    chosenFor = target;
                    if ((chosen = BestCandidate(target)) is not null) break;
                }
                if (chosen is null)
                {
                    missing.Add((dependency, package));
                    continue;
                }
                if (chosen == package || needed.Contains(chosen)) continue;
                if (_why.TryAdd(chosen.Name, _why[package.Name].NeededBy(package.Name)) && ProviderChoice(chosenFor!, chosen) is { } choice)
                    _choices.TryAdd(chosen.Name, choice);
                CollectMissing(chosen, needed, missing);
                needed.Add(chosen);
            }
        }

        private bool IsMet(Dependency dependency)
        {
            foreach (var target in dependency.Alternatives)
                foreach (var candidate in _feed.Answering(target.Name))
                    if (_placedNames.Contains(candidate.Name) && target.AcceptsVersion(candidate.Version)) return true;
            return false;
        }

        /// <summary>
        /// opkg's best installation candidate for a dependency: of the packages answering to the
        /// name in an acceptable version, the highest score (one point for being named so, one for
        /// being requested), the last by name among equal scores.
        /// </summary>
        private FeedPackage? BestCandidate(DependencyTarget target)
        {
            FeedPackage? best = null;
            var bestScore = 0;
            foreach (var candidate in _feed.Answering(target.Name))
            {
                if (!target.AcceptsVersion(candidate.Version)) continue;
                var score = Score(target.Name, candidate);
                if (score < bestScore) continue;
                best = candidate;
                bestScore = score;
            }
            return best;
        }

        private int Score(string name, FeedPackage candidate) =>
            1 + (candidate.Name == name ? 1 : 0) + (_requestedNames.Contains(candidate.Name) ? 1 : 0);

        /// <summary>Why <see cref="BestCandidate"/> took this package, when another could have met the dependency; null when none could.</summary>
        private string? ProviderChoice(DependencyTarget target, FeedPackage chosen)
        {
            var others = new List<string>();
            foreach (var candidate in _feed.Answering(target.Name))
                if (candidate != chosen && target.AcceptsVersion(candidate.Version)) others.Add(candidate.Name);
            if (others.Count == 0 || chosen.Name == target.Name) return null;
            var rule = _requestedNames.Contains(chosen.Name) && !others.Exists(_requestedNames.Contains)
                ? "as it is requested itself (opkg prefers that)"
                : "as the last by name (opkg's way among equals)";
            return $"chosen for {target.Name} over {string.Join(", ", others)} {rule}";
        }

        /// <summary>
        /// The package a request names; for a virtual name, opkg's choice: a provider already
        /// installed, else the first by name of the target's own architecture, else the first.
        /// Null (and a problem noted) when no feed has it.
        /// </summary>
        private FeedPackage? ForRequest(PackageRequest request)
        {
            if (_feed.Find(request.Name) is { } package) return package;
            var answering = _feed.Answering(request.Name);
            if (answering.Count == 0)
            {
                Problem($"package {request.Name} ({request.Phrase}) is in no feed{Absence(request.Name)}");
                return null;
            }
            FeedPackage? chosen = null;
            var rule = "as it is installed already";
            foreach (var candidate in answering)
                if (_placedNames.Contains(candidate.Name)) chosen = candidate;
            if (chosen is null)
            {
                rule = $"as the first by name for {_feed.Architecture} (opkg's way)";
                foreach (var candidate in answering)
                    if (candidate.Architecture == _feed.Architecture)
                    {
                        chosen = candidate;
                        break;
                    }
            }
            if (chosen is null)
            {
                chosen = answering[0];
                rule = "as the first by name (opkg's way)";
            }
            if (answering.Count > 1 && !_placedNames.Contains(chosen.Name))
            {
                var others = new List<string>();
                foreach (var candidate in answering)
                    if (candidate != chosen) others.Add(candidate.Name);
                _choices.TryAdd(chosen.Name, $"chosen for {request.Name} over {string.Join(", ", others)} {rule}");
            }
            return chosen;
        }

        /// <summary>One missing dependency: who needs what, and what the feeds have instead (other versions, ABI names, other architectures).</summary>
        private string DescribeMissing(Dependency dependency, FeedPackage dependent)
        {
            var who = $"{dependent.Name} ({_why[dependent.Name].Describe()}) needs {dependency}";
            var offered = new List<FeedPackage>();
            var texts = new List<string>();
            foreach (var target in dependency.Alternatives)
                foreach (var candidate in _feed.Answering(target.Name))
                {
                    offered.Add(candidate);
                    texts.Add(candidate.Name == target.Name ? $"{candidate.Name} {candidate.Version}"
                        : $"{candidate.Name} {candidate.Version} (which provides {target.Name})");
                }
            if (offered.Count > 0) return $"{who}, but {FeedsHave(offered, texts)}";
            var names = dependency.Alternatives.Count == 1 ? dependency.Alternatives[0].Name : null;
            return names is not null ? $"{who}, which no feed provides{Absence(names)}" : $"{who}, and no feed provides any of them";
        }

        /// <summary>
        /// What the feeds have in place of a name they lack: the package for other architectures
        /// (" for x86_64 (feed packages has it for mips_24kc)"), else the same library under another
        /// ABI version (" (feed packages has libbar1)"); empty when nothing comes near.
        /// </summary>
        private string Absence(string name)
        {
            var elsewhere = _feed.OtherArchitecturesOf(name);
            if (elsewhere.Count > 0)
            {
                var text = new StringBuilder($" for {_feed.Architecture} (");
                for (var i = 0; i < elsewhere.Count; i++)
                    text.Append(i == 0 ? "" : " and ").Append(FeedName(elsewhere[i].Feed)).Append(" has it for ").Append(elsewhere[i].Architecture);
                return text.Append(')').ToString();
            }
            var near = _feed.NearNames(name);
            if (near.Count == 0) return "";
            var names = new List<string>(near.Count);
            foreach (var package in near) names.Add(package.Name);
            return $" ({FeedsHave(near, names)})";
        }

        /// <summary>"feed base has a 1.0, b 2.0 and feed packages has c 3.0": the packages grouped by feed, in the order given.</summary>
        private static string FeedsHave(IReadOnlyList<FeedPackage> packages, IReadOnlyList<string> texts)
        {
            var feeds = new List<string>();
            var byFeed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            for (var i = 0; i < packages.Count; i++)
            {
                if (!byFeed.TryGetValue(packages[i].Feed, out var list))
                {
                    byFeed[packages[i].Feed] = list = [];
                    feeds.Add(packages[i].Feed);
                }
                if (!list.Contains(texts[i])) list.Add(texts[i]);
            }
            var parts = new List<string>(feeds.Count);
            foreach (var feed in feeds) parts.Add($"{FeedName(feed)} has {string.Join(", ", byFeed[feed])}");
            return string.Join(" and ", parts);
        }

        private static string FeedName(string feed) => feed.Length == 0 ? "a feed" : "feed " + feed;

        /// <summary>
        /// Conflicts between installed packages, each way round, and packages installed beside
        /// another that provides their very name (a variant beside the package it replaces).
        /// </summary>
        private void CheckConflicts()
        {
            var reported = new HashSet<(string, string)>();
            foreach (var package in _placed)
            {
                foreach (var conflict in package.Conflicts)
                    foreach (var target in conflict.Alternatives)
                    {
                        if (target.Name == package.Name || !_placedNames.Contains(target.Name)) continue;
                        var other = _feed.Find(target.Name)!;
                        if (target.AcceptsVersion(other.Version)) Conflict(package, other, $"{package.Name} says Conflicts: {target}", reported);
                    }
                foreach (var provided in package.Provides)
                    if (provided != package.Name && _placedNames.Contains(provided))
                        Conflict(package, _feed.Find(provided)!, $"{package.Name} provides {provided}", reported);
            }
        }

        private void Conflict(FeedPackage first, FeedPackage second, string because, HashSet<(string, string)> reported)
        {
            if (!reported.Add((first.Name, second.Name)) || !reported.Add((second.Name, first.Name))) return;
            Problem(PackageClash.Describe(Side(first), Side(second), (a, b) => $"{a} conflicts with {b}", $", as {because}",
                name => IsNeeded(_feed.Find(name)!)));
        }

        private PackageClash.Side Side(FeedPackage package) => new(package.Name, _why[package.Name], _choices.GetValueOrDefault(package.Name));

        /// <summary>
        /// Whether another installed package has a dependency that only <paramref name="package"/>
        /// meets (then removing it would not help: it would come back, or the dependency fail).
        /// </summary>
        private bool IsNeeded(FeedPackage package)
        {
            foreach (var other in _placed)
            {
                if (other == package) continue;
                foreach (var dependency in other.Depends)
                    if (Meets(package, dependency) && !MetWithout(package, dependency)) return true;
            }
            return false;
        }

        private static bool Meets(FeedPackage package, Dependency dependency)
        {
            foreach (var target in dependency.Alternatives)
                if (package.AnswersTo(target.Name) && target.AcceptsVersion(package.Version)) return true;
            return false;
        }

        private bool MetWithout(FeedPackage package, Dependency dependency)
        {
            foreach (var target in dependency.Alternatives)
                foreach (var candidate in _feed.Answering(target.Name))
                    if (candidate != package && _placedNames.Contains(candidate.Name) && target.AcceptsVersion(candidate.Version)) return true;
            return false;
        }

        /// <summary>
        /// A package the user's own list removes that is installed all the same: the package that needs it. Other removals
        /// (a profile's, or a service's absolute list) only drop a request, and what needs the package brings it back, as in opkg.
        /// </summary>
        private void CheckRemovals()
        {
            foreach (var removal in _removals)
            {
                if (removal.Origin != RequestOrigin.User || !_placedNames.Contains(removal.Name) || _why[removal.Name].Dependents is not { Count: > 0 } dependents) continue;
                var needer = dependents[^1];
                var why = _why[needer];
                var fix = why.IsDirect && why.Request.Removable ? $": add -{needer} too, or drop -{removal.Name}" : "";
                Problem($"-{removal.Name} removes {removal.Name}, but {needer} ({why.Describe()}) needs it{fix}");
            }
        }

        /// <summary>opkg's status order: the names' buckets, and within one, the order opkg met them (requests, then the feeds).</summary>
        private PlannedPackage[] StatusOrder(List<PlannedPackage> planned)
        {
            var requested = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var request in _requests) requested.TryAdd(request.Name, requested.Count);
            var count = requested.Count;
            return OpkgHashOrder.Sort(planned, p => p.Package.Name, p => requested.TryGetValue(p.Package.Name, out var position) ? position
                : _feed.ParsedPosition(p.Package.Name) is { } parsed ? count + parsed : int.MaxValue);
        }
    }
}
