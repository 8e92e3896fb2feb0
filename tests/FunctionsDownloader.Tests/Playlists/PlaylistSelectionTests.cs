using FunctionsDownloader.Playlists;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary>Applying a validated selection to a listing.</summary>
public sealed class PlaylistSelectionTests
{
    private static readonly FlatEntry[] Listing =
    [
        .. Enumerable.Range(1, 10).Select(i => new FlatEntry(
            i, $"id{i}", $"Video {i}", i == 4 ? null : $"http://example.com/{i}", null, null, null,
            // Newest first, one a day; the last entry has no date.
            i == 10 ? null : $"202403{20 - i:D2}", null)),
    ];

    [Fact]
    public void Items_take_those_positions_in_playlist_order_and_skip_entries_without_a_url()
    {
        // Act
        IReadOnlyList<FlatEntry> chosen = new PlaylistSelection { Items = [new(7, 7), new(1, 4)] }.Apply(Listing, 100);

        // Assert
        Assert.Equal([1, 2, 3, 7], chosen.Select(e => e.PlaylistIndex));
    }

    [Fact]
    public void Start_and_end_take_that_range_and_the_cap_applies()
    {
        // Act
        IReadOnlyList<FlatEntry> range = new PlaylistSelection { Start = 5, End = 8 }.Apply(Listing, 100);
        IReadOnlyList<FlatEntry> capped = new PlaylistSelection { Start = 2 }.Apply(Listing, 3);

        // Assert
        Assert.Equal([5, 6, 7, 8], range.Select(e => e.PlaylistIndex));
        Assert.Equal([2, 3, 5], capped.Select(e => e.PlaylistIndex));
    }

    [Fact]
    public void A_limit_takes_the_newest_dated_entries_within_the_dates()
    {
        // Act
        IReadOnlyList<FlatEntry> latest =
            new PlaylistSelection { Limit = 2, DateAfter = "20240301" }.Apply(Listing, 100);
        IReadOnlyList<FlatEntry> window =
            new PlaylistSelection { Limit = 10, DateAfter = "20240314", DateBefore = "20240316" }.Apply(Listing, 100);

        // Assert: undated entries never match a date filter.
        Assert.Equal([1, 2], latest.Select(e => e.PlaylistIndex));
        Assert.Equal([5, 6], window.Select(e => e.PlaylistIndex));
    }

    [Fact]
    public void A_limit_without_dates_keeps_the_listing_order_when_some_entries_have_none()
    {
        // Act
        IReadOnlyList<FlatEntry> chosen = new PlaylistSelection { Limit = 3 }.Apply([.. Listing.Reverse()], 100);

        // Assert
        Assert.Equal([10, 9, 8], chosen.Select(e => e.PlaylistIndex));
    }
}
