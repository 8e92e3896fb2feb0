namespace FunctionsDownloader.Bench.Reporting;

/// <summary>
/// One line of the results: what the service measured against its reference (the bare tools, or for
/// memory the 50 MB run), the ratio of the two and whether the target holds.
/// </summary>
/// <param name="Id">A short stable id (<c>a-direct-50</c>).</param>
/// <param name="What">What was measured, in words.</param>
/// <param name="Unit">The unit of <paramref name="Service"/> and <paramref name="Reference"/>.</param>
/// <param name="Service">The service's figure (a median where there were several runs).</param>
/// <param name="Reference">What it is compared with.</param>
/// <param name="Target">The target, in words (<c>≤ 1.00×</c>).</param>
/// <param name="Met">Whether the target holds; <c>null</c> when the scenario did not run.</param>
public sealed record Figure(
    string Id, string What, string Unit, double Service, double Reference, string Target, bool? Met)
{
    /// <summary>Service over reference.</summary>
    public double Ratio => Reference > 0 ? Service / Reference : double.NaN;

    /// <summary>Every run of the service, in order.</summary>
    public IReadOnlyList<double> ServiceRuns { get; init; } = [];

    /// <summary>Every run of the reference, in order.</summary>
    public IReadOnlyList<double> ReferenceRuns { get; init; } = [];

    /// <summary>Anything a reader needs to know about this figure (a skip, a failure, the spread).</summary>
    public string Note { get; init; } = "";

    /// <summary>A figure for a scenario that could not run, with the reason.</summary>
    public static Figure Skipped(string id, string what, string target, string reason) =>
        new(id, what, "", double.NaN, double.NaN, target, null) { Note = "skipped: " + reason };
}
