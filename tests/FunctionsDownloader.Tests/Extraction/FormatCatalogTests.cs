using System.Text.Json;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Extraction;

namespace FunctionsDownloader.Tests.Extraction;

/// <summary>Reading yt-dlp's description of a URL, sorting its formats and picking like the download would.</summary>
public sealed class FormatCatalogTests
{
    // What yt-dlp 2023.03.04 says about an HLS master with 720p and 360p video and separate audio
    // (shortened), listed in the order a "-S res:360" selection leaves them.
    private const string HlsJson = """
        {
          "id": "master", "title": "master", "extractor_key": "Generic", "format_id": "300+audio-English",
          "formats": [
            {"format_id": "audio-English", "ext": "mp4", "vcodec": "none", "acodec": null,
             "protocol": "m3u8_native", "url": "http://site/audio.m3u8",
             "http_headers": {"Cookie": "session=secret"}},
            {"format_id": "800", "ext": "mp4", "vcodec": "avc1.42c01f", "acodec": "none", "width": 1280,
             "height": 720, "fps": 25.0, "tbr": 800.0, "protocol": "m3u8_native", "url": "http://site/720p.m3u8"},
            {"format_id": "300", "ext": "mp4", "vcodec": "avc1.42c01f", "acodec": "none", "width": 640,
             "height": 360, "fps": 25.0, "tbr": 300.0, "protocol": "m3u8_native", "url": "http://site/360p.m3u8"},
            {"format_id": "sb0", "ext": "mhtml", "vcodec": "none", "acodec": "none", "protocol": "mhtml"}
          ],
          "subtitles": {"en": [], "live_chat": []}, "automatic_captions": {"de": []},
          "upload_date": "20240501", "duration": 0
        }
        """;

    [Fact]
    public void Hls_audio_without_a_codec_counts_as_audio_only_and_storyboards_as_nothing()
    {
        // Act
        ExtractedMedia media = Read(HlsJson);

        // Assert
        Assert.Equal(["800", "300"], FormatCatalog.VideoOnly(media).Select(f => f.FormatId));
        Assert.Equal(["audio-English"], FormatCatalog.AudioOnly(media).Select(f => f.FormatId));
        Assert.Empty(FormatCatalog.Combined(media));
        Assert.Equal("800+audio-English", FormatCatalog.Recommended(media));
        Assert.Equal("800", FormatCatalog.BestVideo(media)?.FormatId);
        Assert.Equal("audio-English", FormatCatalog.BestAudio(media)?.FormatId);
    }

    [Fact]
    public void Nothing_of_the_headers_or_selection_is_kept_and_of_the_urls_only_the_hls_playlists()
    {
        // Act
        ExtractedMedia media = Read(HlsJson);
        string kept = JsonSerializer.Serialize(media);
        string keptWithoutPlaylists = JsonSerializer.Serialize(media with { HlsPlaylistUrls = new Dictionary<string, string>() });

        // Assert: the resolve step needs the playlists to tell a live stream; nothing else of the site's URLs stays.
        Assert.DoesNotContain("secret", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("300+audio", kept, StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["audio-English"] = "http://site/audio.m3u8",
                ["800"] = "http://site/720p.m3u8",
                ["300"] = "http://site/360p.m3u8",
            },
            media.HlsPlaylistUrls);
        Assert.DoesNotContain("http://site", keptWithoutPlaylists, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_reads_dates_languages_and_leaves_a_zero_duration_unknown()
    {
        // Act
        MediaMetadata metadata = Read(HlsJson).Metadata;

        // Assert
        Assert.Equal("2024-05-01", metadata.UploadDate);
        Assert.Equal(["en"], metadata.Subtitles);
        Assert.Equal(["de"], metadata.AutomaticCaptions);
        Assert.Null(metadata.Duration);
        Assert.Equal("Generic", metadata.Extractor);
    }

    [Theory]
    [InlineData("best", "800+audio-English")]
    [InlineData("720p", "800+audio-English")]
    [InlineData("480p", "300+audio-English")]
    [InlineData("360p", "300+audio-English")]
    [InlineData("worst", "300+audio-English")]
    public void A_quality_preset_picks_the_largest_at_or_under_its_height(string quality, string expected)
    {
        // Act
        FormatChoice choice = FormatCatalog.Choose(Read(HlsJson), new DownloadOptions { Quality = quality });

        // Assert
        Assert.Equal(expected, choice.FormatId);
    }

    [Fact]
    public void A_cap_below_every_height_falls_back_to_the_smallest_above_it()
    {
        // Arrange
        string json = HlsJson.Replace("\"height\": 360", "\"height\": 480", StringComparison.Ordinal);

        // Act
        FormatChoice choice = FormatCatalog.Choose(Read(json), new DownloadOptions { Quality = "360p" });

        // Assert
        Assert.Equal("300+audio-English", choice.FormatId);
    }

    [Theory]
    [InlineData("300", false, "300+audio-English")]
    [InlineData("audio-English", true, "audio-English")]
    [InlineData("800+audio-English", false, "800+audio-English")]
    [InlineData("999", false, "")]
    public void A_format_id_is_taken_as_named(string formatId, bool audioOnly, string expected)
    {
        // Act
        FormatChoice choice = FormatCatalog.Choose(
            Read(HlsJson), new DownloadOptions { FormatId = formatId, AudioOnly = audioOnly });

        // Assert
        Assert.Equal(expected, choice.FormatId);
    }

    [Fact]
    public void A_direct_file_of_unknown_codecs_is_one_combined_format()
    {
        // Arrange
        const string json = """{"id": "direct", "title": "direct", "formats": [{"format_id": "mp4", "ext": "mp4"}]}""";

        // Act
        ExtractedMedia media = Read(json);

        // Assert
        Assert.Equal("mp4", Assert.Single(FormatCatalog.Combined(media)).FormatId);
        Assert.Equal("mp4", FormatCatalog.Recommended(media));
        Assert.Equal("mp4", FormatCatalog.Choose(media, new DownloadOptions { AudioOnly = true }).FormatId);
        Assert.Null(FormatCatalog.BestAudio(media));
    }

    private static ExtractedMedia Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return ExtractedMedia.Read(document.RootElement);
    }
}
