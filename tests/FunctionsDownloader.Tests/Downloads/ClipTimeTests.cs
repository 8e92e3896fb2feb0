using System.Text.Json;
using FunctionsDownloader.Downloads;
using FunctionsDownloader.Errors;

namespace FunctionsDownloader.Tests.Downloads;

/// <summary>Clip times as callers write them, and as the service writes them for yt-dlp and people.</summary>
public sealed class ClipTimeTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("2.5", 2.5)]
    [InlineData("\"90\"", 90)]
    [InlineData("\"1:30\"", 90)]
    [InlineData("\"01:30.250\"", 90.25)]
    [InlineData("\"1:02:03\"", 3723)]
    [InlineData("\"00:00:05.5\"", 5.5)]
    [InlineData("0.0004", 0)]
    [InlineData("1.2346", 1.235)]
    [InlineData("\"99:59:59.999\"", 359_999.999)]
    public void A_time_in_seconds_or_clock_form_is_read_to_the_millisecond(string json, double expected)
    {
        // Arrange
        JsonElement value = JsonDocument.Parse(json).RootElement;

        // Act
        double? seconds = ClipTime.Parse(value, "start_time");

        // Assert
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("\"-0:01\"")]
    [InlineData("\"1:60\"")]
    [InlineData("\"1:60:00\"")]
    [InlineData("\"100:00:00\"")]
    [InlineData("\"1.2345\"")]
    [InlineData("\" 5\"")]
    [InlineData("\"5\\n\"")]
    [InlineData("\"٥\"")]
    [InlineData("\"1e3\"")]
    [InlineData("\"PT5S\"")]
    [InlineData("true")]
    [InlineData("[1]")]
    [InlineData("360000")]
    public void Anything_else_is_refused_naming_the_field(string json)
    {
        // Arrange
        JsonElement value = JsonDocument.Parse(json).RootElement;

        // Act
        var error = Assert.Throws<InvalidRequestException>(() => ClipTime.Parse(value, "end_time"));

        // Assert
        Assert.Equal("end_time", error.Field);
    }

    [Fact]
    public void Null_or_absent_is_no_time()
    {
        // Act
        double? absent = ClipTime.Parse(null, "start_time");
        double? explicitNull = ClipTime.Parse(JsonDocument.Parse("null").RootElement, "start_time");

        // Assert
        Assert.Null(absent);
        Assert.Null(explicitNull);
    }

    [Theory]
    [InlineData(2.5, "2.5", "2.5 s")]
    [InlineData(30, "30", "30 s")]
    [InlineData(90.25, "90.25", "1:30.25")]
    [InlineData(3723, "3723", "1:02:03")]
    public void Times_are_written_invariantly_for_yt_dlp_and_for_people(
        double seconds, string forYtDlp, string forPeople)
    {
        // Act
        string written = ClipTime.Format(seconds);
        string described = ClipTime.Describe(seconds);

        // Assert
        Assert.Equal((forYtDlp, forPeople), (written, described));
    }
}
