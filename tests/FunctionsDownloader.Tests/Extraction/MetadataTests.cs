using System.Net;
using System.Text.Json;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Tests.Infrastructure;

namespace FunctionsDownloader.Tests.Extraction;

/// <summary><c>GET /api/v1/metadata</c> on the local media site.</summary>
[Collection(ServiceGroup.Name)]
public sealed class MetadataTests(ServiceFixture service)
{
    [Fact(Timeout = 60_000)]
    public async Task Metadata_of_the_watch_page_has_its_og_title_duration_and_json_ld_facts()
    {
        // Act
        (HttpStatusCode status, JsonElement body, _) = await service.GetJsonAsync(MetadataPath(service.Site.WatchPage));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(service.Site.WatchPageTitle, body.GetProperty("title").GetString());
        Assert.Equal(service.Site.DirectMp4Duration.TotalSeconds, body.GetProperty("duration").GetDouble());
        Assert.Equal(service.Site.WatchPageDescription, body.GetProperty("description").GetString());
        Assert.Equal(service.Site.WatchPageUploader, body.GetProperty("uploader").GetString());
        Assert.Equal("2024-05-01", body.GetProperty("upload_date").GetString());
        Assert.Equal(service.Site.WatchPageViewCount, body.GetProperty("view_count").GetInt64());
        Assert.Equal(service.Site.WatchPageLikeCount, body.GetProperty("like_count").GetInt64());
        Assert.Equal(service.Site.WatchPageTags, body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(
            service.Site.WatchPageChapters,
            body.GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.Equal(service.Site.Thumbnail.AbsoluteUri, body.GetProperty("thumbnail").GetString());
        Assert.Contains(
            body.GetProperty("thumbnails").EnumerateArray(),
            t => t.GetProperty("url").GetString() == service.Site.Thumbnail.AbsoluteUri);
        Assert.Empty(body.GetProperty("categories").EnumerateArray());
        Assert.False(body.GetProperty("is_live").GetBoolean());
        Assert.Equal("Generic", body.GetProperty("extractor").GetString());
        Assert.Equal(service.Site.WatchPage.AbsoluteUri, body.GetProperty("webpage_url").GetString());
        Assert.Equal("watch", body.GetProperty("id").GetString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Metadata_lists_the_languages_of_the_pages_subtitles()
    {
        // Act
        (HttpStatusCode status, JsonElement body, _) = await service.GetJsonAsync(MetadataPath(service.Site.HtmlPage));

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        string[] subtitles = [.. body.GetProperty("subtitles").EnumerateArray().Select(s => s.GetString()!)];
        Assert.Equal([service.Site.SubtitlesLanguage], subtitles);
        Assert.Empty(body.GetProperty("automatic_captions").EnumerateArray());
        Assert.StartsWith(service.Site.HtmlPageTitle, body.GetProperty("title").GetString(), StringComparison.Ordinal);

        // yt-dlp states no duration for a plain video tag.
        Assert.False(body.TryGetProperty("duration", out _));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_second_call_for_the_same_url_is_answered_from_the_cache()
    {
        // Arrange: a URL no other test has used.
        Uri page = LocalMediaSite.FreshUrl(service.Site.WatchPage);

        // Act
        (HttpStatusCode first, JsonElement firstBody, _) = await service.GetJsonAsync(MetadataPath(page));
        (HttpStatusCode second, JsonElement secondBody, _) = await service.GetJsonAsync(MetadataPath(page));
        (HttpStatusCode formats, _, _) = await service.GetJsonAsync(
            "/api/v1/formats?url=" + Uri.EscapeDataString(page.AbsoluteUri));

        // Assert
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (first, second, formats));
        Assert.Equal(firstBody.GetRawText(), secondBody.GetRawText());
        Assert.Equal(1, service.Site.RequestCount(page));
    }

    [Fact(Timeout = 60_000)]
    public async Task Metadata_needs_an_api_key()
    {
        // Arrange
        using HttpClient anonymous = service.NewClient(apiKey: null);

        // Act
        (HttpStatusCode status, _, string? type) =
            await service.GetJsonAsync(MetadataPath(service.Site.WatchPage), anonymous);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", type);
    }

    private static string MetadataPath(Uri url) => "/api/v1/metadata?url=" + Uri.EscapeDataString(url.AbsoluteUri);
}
