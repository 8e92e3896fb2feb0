using System.Text.Json;
using FunctionsDownloader.Playlists;

namespace FunctionsDownloader.Tests.Playlists;

/// <summary>Reading <c>yt-dlp -J --flat-playlist</c> output of the shapes yt-dlp 2023 and later print.</summary>
public sealed class FlatPlaylistReaderTests
{
    [Fact]
    public void A_feed_entry_gets_its_id_from_the_smuggled_guid_and_its_date_from_the_timestamp()
    {
        // Arrange: as yt-dlp 2023.03.04 lists an RSS feed.
        const string json = """
            {"_type": "playlist", "id": "http://example.com/feed.xml", "title": "Feed",
             "webpage_url": "http://example.com/feed.xml",
             "entries": [{"_type": "url_transparent",
               "url": "http://example.com/a.mp4?x=1#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22item-1%22%7D",
               "title": "A", "timestamp": 1710244800.0, "duration": 61.5, "thumbnail": null}]}
            """;

        // Act
        FlatPlaylist listing = Read(json)!;

        // Assert
        FlatEntry entry = Assert.Single(listing.Entries);
        Assert.Equal(1, entry.PlaylistIndex);
        Assert.Equal("item-1", entry.Id);
        Assert.Equal("20240312", entry.UploadDate);
        Assert.Equal(61.5, entry.Duration);
        Assert.EndsWith("%7D", entry.Url, StringComparison.Ordinal);
        Assert.Equal("http://example.com/a.mp4?x=1", EntryUrls.Display(entry.Url));
    }

    [Fact]
    public void An_entry_yt_dlp_resolved_from_a_page_is_downloaded_from_its_media_url()
    {
        // Arrange: a page with several embedded videos; the entries' page is the playlist itself.
        const string json = """
            {"_type": "playlist", "id": "page", "title": "Page", "webpage_url": "http://example.com/page.html",
             "uploader": "Someone",
             "thumbnails": [{"url": "http://example.com/small.jpg"}, {"url": "http://example.com/big.jpg"}],
             "entries": [{"id": "page-1", "title": "Page (1)", "url": "http://example.com/v1.mp4",
                          "webpage_url": "http://example.com/page.html", "upload_date": "20240101", "view_count": 42},
                         {"_type": "url", "url": "https://example.com/watch?v=2", "id": "2", "channel": "Channel"}]}
            """;

        // Act
        FlatPlaylist listing = Read(json)!;

        // Assert
        Assert.Equal("Someone", listing.Uploader);
        Assert.Equal("http://example.com/big.jpg", listing.Thumbnail);
        Assert.Equal("http://example.com/v1.mp4", listing.Entries[0].Url);
        Assert.Equal(42, listing.Entries[0].ViewCount);
        Assert.Equal("20240101", listing.Entries[0].UploadDate);
        Assert.Equal("https://example.com/watch?v=2", listing.Entries[1].Url);
        Assert.Equal("Channel", listing.Entries[1].Uploader);
        Assert.Equal(2, listing.Entries[1].PlaylistIndex);
    }

    [Fact]
    public void A_single_video_is_not_a_playlist()
    {
        // Act and assert
        Assert.Null(Read("""{"id": "v", "title": "Video", "url": "http://example.com/v.mp4"}"""));
        Assert.Null(EntryUrls.SmuggledId("http://example.com/v.mp4#__youtubedl_smuggle=not-json"));
    }

    private static FlatPlaylist? Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return FlatPlaylistReader.Read(document.RootElement);
    }
}
