using FunctionsDownloader.Downloads;
using FunctionsDownloader.Media;

namespace FunctionsDownloader.Tests.Media;

/// <summary>The yt-dlp selector and flags the service builds from validated options.</summary>
public sealed class FormatPlanTests
{
    [Fact]
    public void The_default_prefers_the_largest_picture_then_a_container_that_needs_no_reencoding()
    {
        // Act
        FormatPlan plan = FormatPlan.For(new DownloadOptions());

        // Assert
        Assert.Equal(["-f", "bv*+ba/b", "-S", "res,ext:mp4:m4a"], plan.SelectionArguments);
        Assert.Equal(["--merge-output-format", "mp4", "--remux-video", "mp4"], plan.PostprocessingArguments);
    }

    [Fact]
    public void A_quality_preset_caps_the_resolution()
    {
        // Act
        FormatPlan plan = FormatPlan.For(new DownloadOptions { Quality = "720p", VideoFormat = "mkv" });

        // Assert
        Assert.Equal(["-f", "bv*+ba/b", "-S", "res:720,ext"], plan.SelectionArguments);
    }

    [Theory]
    [InlineData("300", false, "b*[format_id=300]+ba/b*[format_id=300]")]
    [InlineData("mp4", false, "b*[format_id=mp4]+ba/b*[format_id=mp4]")]
    [InlineData("300+audio-English", false, "b*[format_id=300]+b*[format_id=audio-English]")]
    [InlineData("audio-English", true, "b*[format_id=audio-English]")]
    public void A_format_id_selects_exactly_that_format_with_the_best_audio_when_it_has_none(
        string formatId, bool audioOnly, string selector)
    {
        // Act
        FormatPlan plan = FormatPlan.For(new DownloadOptions { FormatId = formatId, AudioOnly = audioOnly });

        // Assert
        Assert.Equal(selector, plan.SelectionArguments[1]);
    }

    [Fact]
    public void Subtitles_thumbnail_and_metadata_are_embedded()
    {
        // Act
        FormatPlan plan = FormatPlan.For(new DownloadOptions
        {
            Subtitles = ["en", "pt-BR"],
            EmbedSubtitles = true,
            EmbedThumbnail = true,
            EmbedMetadata = true,
        });

        // Assert
        Assert.Equal(
            [
                "--merge-output-format", "mp4", "--remux-video", "mp4",
                "--write-subs", "--write-auto-subs", "--sub-langs", "en,pt-BR", "--embed-subs",
                "--embed-thumbnail", "--embed-metadata",
            ],
            plan.PostprocessingArguments);
    }

    [Theory]
    [InlineData(2.0, 5.0, "*2-5")]
    [InlineData(1.5, null, "*1.5-359999.999")]
    [InlineData(null, 4.25, "*0-4.25")]
    public void A_clip_is_a_download_section_cut_at_forced_keyframes(double? start, double? end, string section)
    {
        // Act
        FormatPlan plan = FormatPlan.For(new DownloadOptions { StartTime = start, EndTime = end });

        // Assert
        Assert.Equal(
            ["--download-sections", section, "--force-keyframes-at-cuts"],
            plan.PostprocessingArguments.Skip(4));
    }

    [Fact]
    public void An_audio_download_extracts_the_audio_in_the_chosen_format()
    {
        // Act
        FormatPlan plan = FormatPlan.For(new DownloadOptions { AudioOnly = true, AudioFormat = "mp3" });

        // Assert
        Assert.Equal(["-f", "ba/b", "-S", "abr"], plan.SelectionArguments);
        Assert.Equal(
            ["--extract-audio", "--audio-format", "mp3", "--audio-quality", "0"], plan.PostprocessingArguments);
    }
}
