using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Blobs;
using CliWrap;
using CliWrap.Buffered;

namespace FunctionsDownloader.Bench.Scenarios;

/// <summary>
/// The baseline: what somebody would do by hand. yt-dlp downloads to disk with the same format choice
/// the service makes (merging HLS video and audio into mp4), then one SDK upload of the file with the
/// SDK's default transfer options. Nothing checks the result.
/// </summary>
public sealed class BareTools(BlobContainerClient container, string workRoot)
{
    /// <summary>
    /// Downloads <paramref name="url"/> (HLS and DASH fragments <paramref name="concurrentFragments"/> at
    /// a time; yt-dlp's default is one) and uploads the file; how long both took.
    /// </summary>
    public async Task<TimeSpan> DownloadAndUploadAsync(
        Uri url, CancellationToken cancellationToken, int concurrentFragments = 1)
    {
        ArgumentNullException.ThrowIfNull(url);

        string name = "bare-" + Guid.NewGuid().ToString("N")[..8];
        string directory = Directory.CreateDirectory(Path.Combine(workRoot, name)).FullName;
        string blobName = name + ".mp4";
        try
        {
            var clock = Stopwatch.StartNew();
            BufferedCommandResult result = await Cli.Wrap("yt-dlp")
                .WithArguments(
                [
                    "--ignore-config", "--no-cache-dir", "--no-progress",
                    "-f", "bv*+ba/b", "-S", "res,ext:mp4:m4a", "--merge-output-format", "mp4",
                    "--concurrent-fragments", concurrentFragments.ToString(CultureInfo.InvariantCulture),
                    "-o", "media.%(ext)s", "--", url.AbsoluteUri,
                ])
                .WithWorkingDirectory(directory)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellationToken);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"yt-dlp exited with {result.ExitCode} on {url}: {result.StandardError.Trim()}");
            }

            string file = Directory.EnumerateFiles(directory, "media.*").Single();
            TimeSpan downloaded = clock.Elapsed;
            await container.GetBlobClient(blobName).UploadAsync(file, overwrite: true, cancellationToken);
            TimeSpan elapsed = clock.Elapsed;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"bench:   bare: yt-dlp {downloaded.TotalSeconds:0.00} s, upload {(elapsed - downloaded).TotalSeconds:0.00} s"));

            await container.DeleteBlobIfExistsAsync(blobName, cancellationToken: cancellationToken);
            return elapsed;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
