using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text;
using CliWrap;

namespace FunctionsDownloader.MediaSite.Tests;

// One class for the site, as one feature: every test runs the real Debian yt-dlp or ffprobe
// against it, or checks its HTTP behaviour byte for byte.
public sealed class LocalMediaSiteTests(LocalMediaSiteFixture fixture)
    : IClassFixture<LocalMediaSiteFixture>
{
    private const int _timeout = 60_000;
    private static readonly TimeSpan _durationTolerance = TimeSpan.FromSeconds(0.5);

    private LocalMediaSite Site => fixture.Site;

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_reads_the_direct_mp4_as_one_direct_format()
    {
        // Arrange
        var url = Site.DirectMp4;

        // Act
        var info = await Tools.YtDlpJsonAsync(url);

        // Assert
        Assert.Equal("direct", info.GetProperty("id").GetString());
        Assert.True(info.GetProperty("direct").GetBoolean());
        var format = Assert.Single(YtDlpFormats.Of(info));
        Assert.Equal(url.AbsoluteUri, format.GetProperty("url").GetString());
        Assert.Equal("mp4", format.GetProperty("ext").GetString());
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_reads_the_html_page_title_from_og_title_and_the_video_from_its_tag()
    {
        // Arrange
        var url = Site.HtmlPage;

        // Act
        var info = await Tools.YtDlpJsonAsync(url);

        // Assert
        // yt-dlp 2023.03.04 numbers even a single HTML5 video: "<og:title> (1)", id "page-1".
        var title = info.GetProperty("title").GetString();
        Assert.StartsWith(Site.HtmlPageTitle, title, StringComparison.Ordinal);
        var format = Assert.Single(YtDlpFormats.Of(info));
        Assert.Equal(Site.HtmlPageVideo.AbsoluteUri, format.GetProperty("url").GetString());
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_reads_the_hls_master_as_separate_video_and_audio_formats()
    {
        // Arrange
        var url = Site.HlsMaster;

        // Act
        var info = await Tools.YtDlpJsonAsync(url);

        // Assert
        var formats = YtDlpFormats.Of(info);
        var videoHeights = formats.Where(YtDlpFormats.IsVideoOnly)
            .Select(format => format.GetProperty("height").GetInt32())
            .OrderDescending();
        Assert.Equal(Site.HlsVideoHeights, videoHeights);
        Assert.Single(formats, YtDlpFormats.IsAudioOnly);
        Assert.Equal(Site.HlsVideoHeights.Count + 1, formats.Count);
        Assert.All(formats, format =>
            Assert.Equal("m3u8_native", format.GetProperty("protocol").GetString()));
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_reads_the_dash_manifest_as_separate_video_and_audio_formats()
    {
        // Arrange
        var url = Site.DashManifest;

        // Act
        var info = await Tools.YtDlpJsonAsync(url);

        // Assert
        var formats = YtDlpFormats.Of(info);
        var video = Assert.Single(formats, YtDlpFormats.IsVideoOnly);
        Assert.Equal(Site.DashVideoHeight, video.GetProperty("height").GetInt32());
        var audio = Assert.Single(formats, YtDlpFormats.IsAudioOnly);
        Assert.StartsWith("mp4a", YtDlpFormats.Codec(audio, "acodec"), StringComparison.Ordinal);
        Assert.Equal(2, formats.Count);
        Assert.All(formats, format =>
            Assert.Equal("http_dash_segments", format.GetProperty("protocol").GetString()));
    }

    [Fact(Timeout = _timeout)]
    public async Task Downloading_the_hls_master_as_best_video_plus_best_audio_merges_both()
    {
        // Arrange
        using var directory = new TemporaryDirectory();

        // Act
        var file = await Tools.DownloadAsync(Site.HlsMaster, directory, "-f", "bv*+ba/b");
        var probe = await Tools.ProbeAsync(file);

        // Assert
        var video = Assert.Single(probe.Video);
        Assert.Equal(Site.HlsVideoHeights.Max(), video.Height);
        Assert.Single(probe.Audio);
        AssertDuration(Site.HlsDuration, probe.Duration);
    }

    [Fact(Timeout = _timeout)]
    public async Task Downloading_the_dash_manifest_as_best_video_plus_best_audio_merges_both()
    {
        // Arrange
        using var directory = new TemporaryDirectory();

        // Act
        var file = await Tools.DownloadAsync(Site.DashManifest, directory, "-f", "bv*+ba/b");
        var probe = await Tools.ProbeAsync(file);

        // Assert
        var video = Assert.Single(probe.Video);
        Assert.Equal(Site.DashVideoHeight, video.Height);
        Assert.Single(probe.Audio);
        AssertDuration(Site.DashDuration, probe.Duration);
    }

    [Fact(Timeout = _timeout)]
    public async Task Downloading_the_direct_mp4_yields_the_served_bytes_with_video_and_audio()
    {
        // Arrange
        using var directory = new TemporaryDirectory();

        // Act
        var file = await Tools.DownloadAsync(Site.DirectMp4, directory);
        var probe = await Tools.ProbeAsync(file);

        // Assert
        Assert.Equal(await File.ReadAllBytesAsync(Site.DirectMp4File), await File.ReadAllBytesAsync(file));
        var video = Assert.Single(probe.Video);
        Assert.Equal("h264", video.CodecName);
        Assert.Equal(Site.DirectMp4Height, video.Height);
        Assert.Equal("aac", Assert.Single(probe.Audio).CodecName);
        AssertDuration(Site.DirectMp4Duration, probe.Duration);
    }

    [Fact(Timeout = _timeout)]
    public async Task Downloading_the_html_page_yields_the_video_of_its_video_tag()
    {
        // Arrange
        using var directory = new TemporaryDirectory();

        // Act
        var file = await Tools.DownloadAsync(Site.HtmlPage, directory);
        var probe = await Tools.ProbeAsync(file);

        // Assert
        Assert.Equal(await File.ReadAllBytesAsync(Site.HtmlPageVideoFile), await File.ReadAllBytesAsync(file));
        Assert.Single(probe.Video);
        Assert.Single(probe.Audio);
        AssertDuration(Site.HtmlPageDuration, probe.Duration);
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_finds_the_html_pages_subtitle_track_and_poster()
    {
        // Arrange
        var url = Site.HtmlPage;

        // Act
        var info = await Tools.YtDlpJsonAsync(url);

        // Assert
        var subtitles = info.GetProperty("subtitles").GetProperty(Site.SubtitlesLanguage);
        var track = Assert.Single(subtitles.EnumerateArray());
        Assert.Equal(Site.Subtitles.AbsoluteUri, track.GetProperty("url").GetString());
        Assert.Equal("vtt", track.GetProperty("ext").GetString());
        Assert.Equal(Site.Thumbnail.AbsoluteUri, info.GetProperty("thumbnail").GetString());
    }

    [Fact(Timeout = _timeout)]
    public async Task The_subtitles_are_webvtt_served_as_text_vtt()
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        using var response = await client.GetAsync(Site.Subtitles);
        var text = await response.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/vtt", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("WEBVTT\n", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("-->").Length - 1);
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_reads_the_watch_pages_json_ld_with_its_og_title_and_duration()
    {
        // Arrange
        var url = Site.WatchPage;

        // Act
        var info = await Tools.YtDlpJsonAsync(url);

        // Assert
        Assert.Equal(Site.WatchPageTitle, info.GetProperty("title").GetString());
        Assert.Equal(Site.DirectMp4Duration.TotalSeconds, info.GetProperty("duration").GetDouble());
        Assert.Equal(Site.WatchPageUploadDate, info.GetProperty("upload_date").GetString());
        Assert.Equal(Site.WatchPageViewCount, info.GetProperty("view_count").GetInt64());
        Assert.Equal(Site.WatchPageLikeCount, info.GetProperty("like_count").GetInt64());
        Assert.Equal(Site.WatchPageChapters.Count, info.GetProperty("chapters").GetArrayLength());
        var format = Assert.Single(YtDlpFormats.Of(info));
        Assert.Equal(Site.DirectMp4.AbsoluteUri, format.GetProperty("url").GetString());
    }

    [Fact(Timeout = _timeout)]
    public async Task Titled_pages_give_yt_dlp_their_tricky_titles_as_they_are()
    {
        // Arrange: the titles with invisible and multi-code-point characters (the service's
        // end-to-end test downloads them all).
        string[] keys = ["bidi", "emoji"];

        // Act
        var infos = await Task.WhenAll(keys.Select(key => Tools.YtDlpJsonAsync(Site.TitledPage(key))));

        // Assert
        Assert.Equal(keys.Select(Site.TrickyTitle), infos.Select(info => info.GetProperty("title").GetString()));
        Assert.All(infos, info =>
            Assert.Equal(Site.HtmlPageDuration.TotalSeconds, info.GetProperty("duration").GetDouble()));
    }

    [Fact(Timeout = _timeout)]
    public async Task The_site_counts_the_requests_for_each_path_and_query()
    {
        // Arrange
        using var client = new HttpClient();
        var page = LocalMediaSite.FreshUrl(Site.WatchPage);

        // Act
        var before = Site.RequestCount(page);
        using (await client.GetAsync(page))
        using (await client.GetAsync(page))
        {
        }

        // Assert
        Assert.Equal(0, before);
        Assert.Equal(2, Site.RequestCount(page));
        Assert.Equal(0, Site.RequestCount(LocalMediaSite.FreshUrl(Site.WatchPage)));
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_reads_the_feed_as_a_playlist_of_its_enclosures()
    {
        // Arrange
        var url = Site.Feed;

        // Act
        var info = await Tools.YtDlpJsonAsync(url, "--flat-playlist");

        // Assert
        Assert.Equal("playlist", info.GetProperty("_type").GetString());
        Assert.Equal(Site.FeedTitle, info.GetProperty("title").GetString());
        // Each entry URL carries its item's guid in a "#__youtubedl_smuggle=" fragment.
        var entries = info.GetProperty("entries").EnumerateArray()
            .Select(entry => new Uri(entry.GetProperty("url").GetString()!))
            .Select(entry => entry.GetLeftPart(UriPartial.Query));
        Assert.Equal(Site.FeedEntries.Select(entry => entry.AbsoluteUri), entries);
    }

    [Fact(Timeout = _timeout)]
    public async Task The_private_page_and_its_video_answer_403_without_the_session_cookie()
    {
        // Arrange
        using var client = new HttpClient();
        using var withCookie = new HttpRequestMessage(HttpMethod.Get, Site.PrivateVideo);
        withCookie.Headers.Add("Cookie", $"{Site.PrivateCookieName}={Site.PrivateCookieValue}");

        // Act
        using var page = await client.GetAsync(Site.PrivatePage);
        using var video = await client.GetAsync(Site.PrivateVideo);
        using var allowed = await client.SendAsync(withCookie);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, video.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var served = await allowed.Content.ReadAsByteArrayAsync();
        Assert.Equal(await File.ReadAllBytesAsync(Site.HtmlPageVideoFile), served);
    }

    [Fact(Timeout = _timeout)]
    public async Task Downloading_the_private_page_with_a_cookies_file_yields_its_video()
    {
        // Arrange
        using var directory = new TemporaryDirectory();
        var cookies = Path.Combine(directory.Path, "cookies.txt");
        await File.WriteAllTextAsync(
            cookies,
            "# Netscape HTTP Cookie File\n" +
            $"{Site.PrivateCookieDomain}\tFALSE\t/\tFALSE\t0\t{Site.PrivateCookieName}\t{Site.PrivateCookieValue}\n");
        using var output = new TemporaryDirectory();

        // Act
        var file = await Tools.DownloadAsync(Site.PrivatePage, output, "--cookies", cookies);

        // Assert
        Assert.Equal(await File.ReadAllBytesAsync(Site.HtmlPageVideoFile), await File.ReadAllBytesAsync(file));
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_exits_with_an_error_for_the_not_found_url()
    {
        // Arrange
        using var directory = new TemporaryDirectory();

        // Act
        var result = await Tools.YtDlpAsync(Site.NotFound, ["-P", directory.Path]);

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("HTTP Error 404", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_follows_the_redirect_to_the_direct_mp4()
    {
        // Arrange
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        // Act
        using var response = await client.GetAsync(Site.Redirect);
        var info = await Tools.YtDlpJsonAsync(Site.Redirect);

        // Assert
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Site.DirectMp4, new Uri(Site.Redirect, response.Headers.Location!));
        Assert.Equal(Site.DirectMp4.AbsoluteUri, info.GetProperty("url").GetString());
    }

    [Fact(Timeout = _timeout)]
    public async Task Yt_dlp_fails_on_the_truncated_url_with_only_the_bytes_it_sent()
    {
        // Arrange
        using var directory = new TemporaryDirectory();
        string[] arguments = ["-P", directory.Path, "-o", "%(id)s.%(ext)s", "--retries", "0"];

        // Act
        var result = await Tools.YtDlpAsync(Site.Truncated, arguments);

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(directory.CompletedFiles());
        var part = Assert.Single(Directory.GetFiles(directory.Path, "*.part"));
        Assert.Equal(Site.TruncatedSentBytes, new FileInfo(part).Length);
    }

    [Fact(Timeout = _timeout)]
    public async Task The_truncated_url_declares_the_full_length_and_ends_early()
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        using var response = await client.GetAsync(
            Site.Truncated, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var (received, error) = await ReadToEndAsync(body, TimeSpan.FromSeconds(10));

        // Assert
        Assert.Equal(Site.DirectMp4Length, response.Content.Headers.ContentLength);
        Assert.Equal(Site.TruncatedSentBytes, received);
        Assert.IsType<HttpIOException>(error);
    }

    [Fact(Timeout = _timeout)]
    public async Task The_stall_url_sends_part_of_the_body_and_then_nothing()
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        using var response = await client.GetAsync(Site.Stall, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var (received, error) = await ReadToEndAsync(body, TimeSpan.FromSeconds(2));

        // Assert
        Assert.Equal(Site.DirectMp4Length, response.Content.Headers.ContentLength);
        Assert.Equal(Site.StallSentBytes, received);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact(Timeout = _timeout)]
    public async Task The_direct_mp4_answers_a_range_request_with_206_and_exactly_those_bytes()
    {
        // Arrange
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Site.DirectMp4);
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        var expected = (await File.ReadAllBytesAsync(Site.DirectMp4File))[1000..2000];

        // Act
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(
            $"bytes 1000-1999/{Site.DirectMp4Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(expected, bytes);
    }

    [Fact(Timeout = _timeout)]
    public async Task An_extra_directory_is_served_under_extra_with_ranges_and_hls_types()
    {
        // Arrange: a site of its own, serving a folder made here (the benchmark's inputs, in real use).
        using var extra = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(extra.Path, "hls"));
        byte[] content = [.. Enumerable.Range(0, 5000).Select(i => (byte)(i % 251))];
        await File.WriteAllBytesAsync(Path.Combine(extra.Path, "big file.mp4"), content);
        await File.WriteAllTextAsync(Path.Combine(extra.Path, "hls", "master.m3u8"), "#EXTM3U\n");
        await using LocalMediaSite site = await LocalMediaSite.StartAsync(
            new LocalMediaSiteOptions { ExtraDirectory = extra.Path });
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, site.Extra("big file.mp4"));
        request.Headers.Range = new RangeHeaderValue(100, 199);

        // Act
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var playlist = await client.GetAsync(site.Extra("hls/master.m3u8"));

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[100..200], bytes);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, playlist.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("/extra/big%20file.mp4", site.Extra("big file.mp4").AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact(Timeout = _timeout)]
    public async Task The_slow_mp4_answers_a_range_request_for_its_tail_with_206()
    {
        // Arrange
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, Site.SlowMp4);
        request.Headers.Range = new RangeHeaderValue(Site.SlowMp4Length - 4096, null);
        var expected = (await File.ReadAllBytesAsync(Site.SlowMp4File))[^4096..];

        // Act
        using var response = await client.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(expected, bytes);
    }

    [Fact(Timeout = _timeout)]
    public async Task Downloading_the_slow_mp4_is_still_running_after_three_seconds()
    {
        // Arrange
        using var directory = new TemporaryDirectory();
        using var cancellation = new CancellationTokenSource();
        var stderr = new StringBuilder();
        // PipeTarget.Null closes the pipe, and yt-dlp then dies of EPIPE on its first line
        // (https://github.com/Tyrrrz/CliWrap/issues/145), so stdout is drained instead.
        var command = Cli.Wrap("yt-dlp")
            .WithArguments(Tools.YtDlpArguments(Site.SlowMp4, ["-P", directory.Path, "-o", "%(id)s.%(ext)s"]))
            .WithStandardOutputPipe(PipeTarget.ToStream(Stream.Null))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.None);
        var watch = Stopwatch.StartNew();

        // Act
        var download = command.ExecuteAsync(cancellation.Token).Task;

        // yt-dlp takes a while to start on a busy machine: the three seconds count from its first byte.
        while (!download.IsCompleted && Directory.GetFiles(directory.Path, "*.part").Length == 0 &&
            watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var ended = await Task.WhenAny(download, Task.Delay(TimeSpan.FromSeconds(3))) == download;
        var part = Directory.GetFiles(directory.Path, "*.part").SingleOrDefault();
        var partLength = part is null ? 0 : new FileInfo(part).Length;
        var elapsed = watch.Elapsed;
        await cancellation.CancelAsync();
        var cancelled = await Record.ExceptionAsync(() => download);

        // Assert
        Assert.False(ended, $"The slow download ended within three seconds: {stderr}");
        Assert.IsAssignableFrom<OperationCanceledException>(cancelled);
        var allowed = (long)(elapsed.TotalSeconds * Site.SlowBytesPerSecond) + (64 * 1024);
        Assert.InRange(partLength, 1, allowed);
        Assert.True(
            Site.SlowMp4MinimumTransferTime >= TimeSpan.FromSeconds(10),
            $"A full slow download would take only {Site.SlowMp4MinimumTransferTime}.");
    }

    [Fact(Timeout = _timeout)]
    public async Task Starting_a_second_site_reuses_the_generated_media()
    {
        // Arrange
        using var client = new HttpClient();

        // Act
        await using var second = await LocalMediaSite.StartAsync();
        using var response = await client.GetAsync(second.DirectMp4);

        // Assert
        Assert.True(second.ReusedCachedMedia);
        Assert.Equal(TimeSpan.Zero, second.GenerationTime);
        Assert.Equal(Site.MediaDirectory, second.MediaDirectory);
        Assert.NotEqual(Site.BaseUri, second.BaseUri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact(Timeout = _timeout)]
    public async Task Concurrent_starts_on_an_empty_cache_generate_into_one_complete_directory()
    {
        // Arrange
        using var cache = new TemporaryDirectory();
        var options = new LocalMediaSiteOptions { CacheRoot = cache.Path };

        // Act
        var starts = await Task.WhenAll(
            LocalMediaSite.StartAsync(options), LocalMediaSite.StartAsync(options));
        await using var first = starts[0];
        await using var second = starts[1];
        var probe = await Tools.ProbeAsync(second.DirectMp4.AbsoluteUri);

        // Assert
        Assert.Equal(first.MediaDirectory, second.MediaDirectory);
        Assert.Equal(first.MediaDirectory, Assert.Single(Directory.GetDirectories(cache.Path)));
        Assert.Contains(starts, site => !site.ReusedCachedMedia);
        Assert.Single(probe.Video);
        Assert.Single(probe.Audio);
    }

    [Fact(Timeout = _timeout)]
    [SupportedOSPlatform("linux")]
    public async Task A_failing_ffmpeg_is_reported_with_its_exit_code_and_error_output()
    {
        // Arrange
        using var cache = new TemporaryDirectory();
        var ffmpeg = Path.Combine(cache.Path, "ffmpeg");
        await File.WriteAllTextAsync(ffmpeg, "#!/bin/sh\necho \"Unknown encoder 'libx264'\" >&2\nexit 3\n");
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var options = new LocalMediaSiteOptions
        {
            CacheRoot = Path.Combine(cache.Path, "media"),
            FfmpegPath = ffmpeg,
        };

        // Act
        var exception = await Assert.ThrowsAsync<MediaGenerationException>(
            () => LocalMediaSite.StartAsync(options));

        // Assert
        Assert.Equal(3, exception.ExitCode);
        Assert.Contains("Unknown encoder 'libx264'", exception.Message, StringComparison.Ordinal);
        Assert.Equal("Unknown encoder 'libx264'", exception.StandardErrorTail);
        Assert.Empty(Directory.GetFileSystemEntries(options.CacheRoot));
    }

    private static void AssertDuration(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected - _durationTolerance, expected + _durationTolerance);

    // Reads until the body ends, fails, or pauses longer than idle; returns the bytes read and what
    // ended the read (null for a clean end).
    private static async Task<(long Received, Exception? Error)> ReadToEndAsync(
        Stream body, TimeSpan idle)
    {
        var buffer = new byte[16 * 1024];
        long received = 0;
        while (true)
        {
            using var pause = new CancellationTokenSource(idle);
            try
            {
                var read = await body.ReadAsync(buffer, pause.Token);
                if (read == 0)
                {
                    return (received, null);
                }

                received += read;
            }
            catch (Exception exception)
                when (exception is IOException or OperationCanceledException)
            {
                return (received, exception);
            }
        }
    }
}
