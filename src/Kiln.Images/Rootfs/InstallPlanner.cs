using Kiln.Core.Errors;

namespace Kiln.Images.Rootfs;

/// <summary>
/// Which packages an image gets, found as opkg's <c>install</c> finds them for Image Builder, so
/// that the same requests give the same packages in the same order:
/// <list type="bullet">
/// <item>requests in order; each package's Depends entries in order, depth first, a dependency's
/// own dependencies before it (opkg's install order);</item>
/// <item>a dependency already installed (or provided by an installed package) in an acceptable
/// version is met; else the first alternative of "a | b" that some package answers to;</item>
/// <item>among several packages answering to a name, opkg's score: the one named so, then one a
/// request names, then the last by name; a request for a virtual name gets an installed provider,
/// else the first by name;</item>
/// <item>Conflicts name packages, not provided names; unlike opkg, they are checked both ways.</item>
/// </list>
/// Every failure is a message naming what is missing or clashing and who asked for it.
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
                var package = ForRequest(request);
                // A request explains a package better than the dependency that brought it in first.
                if (_requested.Add(package.Name)) _why[package.Name] = RequestChain.Asked(request);
                Install(package);
            }
            CheckConflicts();
            var planned = new List<PlannedPackage>(_placed.Count);
            foreach (var package in _placed)
            {
                var name = package.Name;
                planned.Add(new PlannedPackage(package, _why[name], _requested.Contains(name), _autoInstalled.Contains(name)));
            }
            return new InstallPlan(planned, StatusOrder(planned), RemovalNotes());
        }

        /// <summary>opkg's install of one package: its missing dependencies first (each marked auto-installed), then itself.</summary>
        private void Install(FeedPackage package)
        {
            if (_placedNames.Contains(package.Name)) return;
            var needed = new List<FeedPackage>();
            var missing = new List<(Dependency Dependency, FeedPackage Dependent)>();
            CollectMissing(package, needed, missing);
            if (missing.Count > 0) throw new UserError(DescribeMissing(missing));
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
                foreach (var target in dependency.Alternatives)
                    if ((chosen = BestCandidate(target)) is not null) break;
                if (chosen is null)
                {
                    missing.Add((dependency, package));
                    continue;
                }
                if (chosen == package || needed.Contains(chosen)) continue;
                _why.TryAdd(chosen.Name, _why[package.Name].NeededBy(package.Name));
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
                var score = 1 + (candidate.Name == target.Name ? 1 : 0) + (_requestedNames.Contains(candidate.Name) ? 1 : 0);
                if (score < bestScore) continue;
                best = candidate;
                bestScore = score;
            }
            return best;
        }

        /// <summary>
        /// The package a request names; for a virtual name, opkg's choice: a provider already
        /// installed, else the first by name of the target's own architecture, else the first.
        /// </summary>
        private FeedPackage ForRequest(PackageRequest request)
        {
            if (_feed.Find(request.Name) is { } package) return package;
            var answering = _feed.Answering(request.Name);
            if (answering.Count == 0) throw new UserError(NotFound(request.Name, RequestChain.Asked(request).Describe()));
            FeedPackage? installed = null;
            foreach (var candidate in answering)
                if (_placedNames.Contains(candidate.Name)) installed = candidate;
            if (installed is not null) return installed;
            foreach (var candidate in answering)
                if (candidate.Architecture == _feed.Architecture) return candidate;
            return answering[0];
        }

        private string DescribeMissing(List<(Dependency Dependency, FeedPackage Dependent)> missing)
        {
            var messages = new List<string>();
            foreach (var (dependency, dependent) in missing)
            {
                var why = _why[dependent.Name].NeededBy(dependent.Name).Describe();
                var offered = new List<string>();
                foreach (var target in dependency.Alternatives)
                    foreach (var candidate in _feed.Answering(target.Name))
                        offered.Add(candidate.Name == target.Name ? $"{candidate.Name} {candidate.Version}"
                            : $"{candidate.Name} {candidate.Version} (which provides {target.Name})");
                var message = offered.Count > 0
                    ? $"{dependent.Name} needs {dependency}, but the feeds have only {string.Join(", ", offered)} ({why})"
                    : dependency.Alternatives.Count == 1 ? NotFound(dependency.Alternatives[0].Name, why)
                    : $"none of '{dependency}' found in any feed ({why})";
                if (!messages.Contains(message)) messages.Add(message);
            }
            return string.Join("; ", messages);
        }

        private string NotFound(string name, string why)
        {
            var elsewhere = _feed.OtherArchitecturesOf(name);
            return elsewhere.Count > 0
                ? $"package '{name}' is only in the feeds for {string.Join(", ", elsewhere)}, not for {_feed.Architecture} ({why})"
                : $"package '{name}' not found in any feed ({why})";
        }

        /// <summary>Conflicts between installed packages, each way round; the first found stops with both packages' reasons.</summary>
        private void CheckConflicts()
        {
            foreach (var package in _placed)
            {
                foreach (var conflict in package.Conflicts)
                {
                    foreach (var target in conflict.Alternatives)
                    {
                        if (target.Name == package.Name || !_placedNames.Contains(target.Name)) continue;
                        var other = _feed.Find(target.Name)!;
                        if (!target.AcceptsVersion(other.Version)) continue;
                        throw new UserError($"packages '{package.Name}' and '{other.Name}' conflict ({package.Name} says Conflicts: {target}): " +
                            $"{package.Name} is {_why[package.Name].Describe()}; {other.Name} is {_why[other.Name].Describe()}");
                    }
                }
            }
        }

        /// <summary>opkg's status order: the names' buckets, and within one, the order opkg met them (requests, then the feeds).</summary>
        private PlannedPackage[] StatusOrder(List<PlannedPackage> planned)
        {
            var entered = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var request in _requests) entered.TryAdd(request.Name, entered.Count);
            foreach (var name in _feed.NamesAsParsed) entered.TryAdd(name, entered.Count);
            return OpkgHashOrder.Sort(planned, p => p.Package.Name, p => entered.GetValueOrDefault(p.Package.Name, int.MaxValue));
        }

        private List<string> RemovalNotes()
        {
            var notes = new List<string>();
            foreach (var removal in _removals)
            {
                if (!_placedNames.Contains(removal.Name)) continue;
                var note = $"package '{removal.Name}' is installed although {removal.Reason} removes it (-{removal.Name}): it is " +
                    _why[removal.Name].Describe();
                if (!notes.Contains(note)) notes.Add(note);
            }
            return notes;
        }
    }
}
