namespace FunctionsDownloader.Playlists;

/// <summary>
/// Which entries of a listing a playlist or channel download takes, as validated at submit time and kept with
/// the batch until the listing is there: explicit <see cref="Items"/>, or <see cref="Start"/> to
/// <see cref="End"/> (playlists); the latest <see cref="Limit"/> within optional dates (channels).
/// </summary>
public sealed record PlaylistSelection
{
    public IReadOnlyList<IndexRange>? Items { get; init; }
    public int? Start { get; init; }
    public int? End { get; init; }
    public int? Limit { get; init; }

    /// <summary>The earliest upload date taken (YYYYMMDD, included).</summary>
    public string? DateAfter { get; init; }

    /// <summary>The latest upload date taken (YYYYMMDD, included).</summary>
    public string? DateBefore { get; init; }

    /// <summary>
    /// The entries to download, at most <paramref name="maxItems"/>: in playlist order, or for a channel limit
    /// newest first (by upload date when every candidate has one, else in the order the channel lists them,
    /// which is newest first on the sites yt-dlp knows). Entries without a URL are left out.
    /// </summary>
    public IReadOnlyList<FlatEntry> Apply(IReadOnlyList<FlatEntry> entries, int maxItems)
    {
        ArgumentNullException.ThrowIfNull(entries);

        IEnumerable<FlatEntry> chosen = entries.Where(e => e.Url is not null);
        if (Items is { } items)
        {
            chosen = chosen.Where(e => items.Any(r => r.Contains(e.PlaylistIndex)));
        }
        else if (Start is not null || End is not null)
        {
            chosen = chosen.Where(e => e.PlaylistIndex >= (Start ?? 1) && e.PlaylistIndex <= (End ?? int.MaxValue));
        }

        // TODO: flat listings of some sites (YouTube among them) carry no upload date, so a date filter matches
        // none of their entries; resolving each candidate for its date would cost one yt-dlp run per entry.
        if (DateAfter is not null || DateBefore is not null)
        {
            chosen = chosen.Where(e => e.UploadDate is { } date &&
                (DateAfter is null || string.CompareOrdinal(date, DateAfter) >= 0) &&
                (DateBefore is null || string.CompareOrdinal(date, DateBefore) <= 0));
        }

        if (Limit is int limit)
        {
            List<FlatEntry> candidates = [.. chosen];
            chosen = candidates.All(e => e.UploadDate is not null)
                ? candidates.OrderByDescending(e => e.UploadDate, StringComparer.Ordinal).Take(limit)
                : candidates.Take(limit);
        }

        return [.. chosen.Take(maxItems)];
    }
}
