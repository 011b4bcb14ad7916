namespace Dragline.Ipam;

/// <summary>
/// One store write of a pool's batch (group commit), as <see cref="IpamEngineOptions.CommitObserver"/> sees it.
/// </summary>
/// <param name="Pool">The pool written.</param>
/// <param name="Changes">How many reserve/release changes the write carried.</param>
/// <param name="Committed">True when the store applied them; false when it refused (the batch is re-read and retried).</param>
/// <param name="Conflicts">How many conditions did not hold when refused (at least 1 for a refused write); 0 when committed.</param>
public readonly record struct CommitObservation(string Pool, int Changes, bool Committed, int Conflicts);
