using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using CliWrap;
using CliWrap.Buffered;
using FunctionsDownloader.Configuration;
using FunctionsDownloader.Media;
using FunctionsDownloader.Testing;
using FunctionsDownloader.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FunctionsDownloader.Tests.Deployment;

/// <summary>
/// The tools bundled into the Functions package: the publish output keeps them executable, the app
/// prefers them to PATH, and infra/scripts/bundle-tools.sh only ever bundles verified downloads.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class BundledToolsTests
{
    private const UnixFileMode ExecuteBits =
        UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode ReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const StringSplitOptions RemoveEmpty = StringSplitOptions.RemoveEmptyEntries;

    private static readonly string[] ToolNames = ["yt-dlp", "ffmpeg", "ffprobe", "deno"];
    private static readonly string BundleScript = RepositoryPaths.Combine("infra", "scripts", "bundle-tools.sh");

    [Fact(Timeout = 300_000)]
    public async Task Publishing_keeps_bundled_tools_executable_and_the_app_resolves_them_before_PATH()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        string tools = scratch.Combine("tools");
        string publish = scratch.Combine("publish");
        foreach (string name in ToolNames)
        {
            WriteStandIn(Path.Combine(tools, name), $"echo stand-in {name}");
        }

        // Act
        var result = await Shell.RunAsync("dotnet",
        [
            "publish", RepositoryPaths.Combine("src", "FunctionsDownloader", "FunctionsDownloader.csproj"),
            "-c", BuildOutput.Configuration, "--no-build", "-o", publish,
            $"-p:BundledToolsDirectory={tools}", "-nologo", "-v", "quiet",
        ]);
        var locator = new ToolLocator(Options.Create(new DownloaderOptions()), publish);
        string resolved = locator.Resolve(ToolLocator.YtDlp);
        string output = await RunAsync(resolved);

        // Assert
        Assert.True(result.ExitCode == 0, $"dotnet publish failed:\n{result.StandardOutput}{result.StandardError}");
        Assert.True(File.Exists(Path.Combine(publish, "functions.metadata")), "the output is not a Functions app");
        Assert.All(ToolNames, name =>
            Assert.Equal(ExecuteBits, File.GetUnixFileMode(Path.Combine(publish, "tools", name)) & ExecuteBits));
        Assert.NotNull(FindOnPath(ToolLocator.YtDlp));
        Assert.Equal(Path.Combine(publish, "tools", ToolLocator.YtDlp), resolved);
        Assert.Equal("stand-in yt-dlp", output);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bundle_that_lost_its_execute_bits_runs_from_an_executable_copy()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        string tools = scratch.Combine("tools");
        WriteStandIn(Path.Combine(tools, "yt-dlp"), "echo copied yt-dlp", ReadWrite);
        WriteStandIn(Path.Combine(tools, "deno"), "echo copied deno", ReadWrite);
        var locator = new ToolLocator(Options.Create(new DownloaderOptions()), scratch.Path);

        // Act
        string resolved = locator.Resolve(ToolLocator.YtDlp);
        string copyFolder = Path.GetDirectoryName(resolved)!;

        try
        {
            string output = await RunAsync(resolved);

            // Assert
            Assert.NotEqual(tools, copyFolder);
            Assert.Equal("copied yt-dlp", output);
            Assert.Equal(ExecuteBits, File.GetUnixFileMode(Path.Combine(copyFolder, "deno")) & ExecuteBits);
            Assert.Equal(resolved, locator.Resolve(ToolLocator.YtDlp));
        }
        finally
        {
            Directory.Delete(copyFolder, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_bundled_yt_dlp_finds_the_deno_bundled_beside_it()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        WriteStandIn(scratch.Combine("tools", "yt-dlp"), "exec deno --version");
        WriteStandIn(scratch.Combine("tools", "deno"), "echo bundled deno \"$1\"");
        var locator = new ToolLocator(Options.Create(new DownloaderOptions()), scratch.Path);
        var stdout = new StringBuilder();

        // Act
        ToolResult result = await ToolProcess.RunAsync(
            ToolLocator.YtDlp,
            locator.Resolve(ToolLocator.YtDlp),
            [],
            scratch.Path,
            PipeTarget.ToStringBuilder(stdout),
            null,
            null,
            CancellationToken.None);

        // Assert
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("bundled deno --version", stdout.ToString().Trim());
    }

    [Fact(Timeout = 120_000)]
    public async Task Bundling_verifies_each_download_takes_binaries_out_of_archives_and_sets_execute_bits()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        Sources sources = Sources.Create(scratch.Combine("sources"));
        string dest = scratch.Combine("app", "tools");
        File.WriteAllText(scratch.Combine("tools.lock"), sources.Lock());

        // Act
        var result = await BundleAsync(scratch, sources.Folder, dest);

        // Assert
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["deno", "ffmpeg", "yt-dlp"], Directory.GetFiles(dest).Select(Path.GetFileName).Order());
        Assert.All(Directory.GetFiles(dest), f => Assert.Equal(ExecuteBits, File.GetUnixFileMode(f) & ExecuteBits));
        Assert.Equal(sources.YtDlp, File.ReadAllBytes(Path.Combine(dest, "yt-dlp")));
        Assert.Equal(sources.Deno, File.ReadAllBytes(Path.Combine(dest, "deno")));
        Assert.Equal(sources.Ffmpeg, File.ReadAllBytes(Path.Combine(dest, "ffmpeg")));
        Assert.Equal(["tools"], Directory.GetFileSystemEntries(scratch.Combine("app")).Select(Path.GetFileName));
    }

    [Fact(Timeout = 120_000)]
    public async Task Bundling_fails_on_a_checksum_mismatch_and_leaves_nothing_in_tools()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        Sources sources = Sources.Create(scratch.Combine("sources"));
        string dest = scratch.Combine("app", "tools");
        WriteStandIn(Path.Combine(dest, "yt-dlp"), "echo an older bundle");
        string tampered = sources.Lock()
            .Replace(sources.SumOf("ffmpeg.tar.gz"), new string('e', 64), StringComparison.Ordinal);
        File.WriteAllText(scratch.Combine("tools.lock"), tampered);

        // Act
        var result = await BundleAsync(scratch, sources.Folder, dest);

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("checksum mismatch for ffmpeg", result.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dest) && Directory.EnumerateFileSystemEntries(dest).Any(), "tools/ is not empty");
        Assert.Empty(Directory.GetFileSystemEntries(scratch.Combine("app")));
    }

    [Fact(Timeout = 120_000)]
    public async Task Updating_a_pin_downloads_the_file_and_rewrites_its_line_with_the_new_checksum()
    {
        // Arrange
        using var scratch = new ScratchFolder();
        Sources sources = Sources.Create(scratch.Combine("sources"));
        string lockFile = scratch.Combine("tools.lock");
        string url = new Uri(Path.Combine(sources.Folder, "yt-dlp_linux")).AbsoluteUri;
        File.WriteAllText(lockFile, $"# pins\nyt-dlp 1.0 {new string('0', 64)} https://example.invalid/yt-dlp_linux\n");
        var environment = new Dictionary<string, string?> { ["TOOLS_LOCK"] = lockFile, ["TOOLS_CACHE_DIR"] = "" };

        // Act
        var update = await Shell.RunAsync("bash", [BundleScript, "--update", "yt-dlp", "2.0", url], environment);
        environment["TOOLS_DEST"] = scratch.Combine("tools");
        var bundle = await Shell.RunAsync("bash", [BundleScript], environment);

        // Assert
        Assert.True(update.ExitCode == 0, update.StandardError);
        Assert.Equal(
            ["# pins", $"yt-dlp 2.0 {Sha256(sources.YtDlp)} {url}"],
            File.ReadAllLines(lockFile).Select(l => string.Join(' ', l.Split(' ', RemoveEmpty))));
        Assert.True(bundle.ExitCode == 0, bundle.StandardError);
        Assert.Equal(sources.YtDlp, File.ReadAllBytes(scratch.Combine("tools", "yt-dlp")));
    }

    [Fact]
    public void The_pins_file_names_every_tool_with_a_version_a_checksum_and_an_https_url()
    {
        // Arrange
        string[] lines = File.ReadAllLines(RepositoryPaths.Combine("infra", "tools.lock"));

        // Act
        string[][] pins =
        [
            .. lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
        ];

        // Assert
        Assert.Equal(ToolNames.Order(), pins.Select(p => p[0]).Order());
        Assert.All(pins, p => Assert.InRange(p.Length, 4, 5));
        Assert.All(pins, p => Assert.Matches("^[0-9a-f]{64}$", p[2]));
        Assert.All(pins, p => Assert.StartsWith("https://", p[3], StringComparison.Ordinal));
        Assert.EndsWith("/yt-dlp_linux", pins.Single(p => p[0] == "yt-dlp")[3], StringComparison.Ordinal);
        Assert.Equal("deno", pins.Single(p => p[0] == "deno")[4]);
    }

    private static Task<BufferedCommandResult> BundleAsync(ScratchFolder scratch, string sources, string dest) =>
        Shell.RunAsync("bash", [BundleScript], new Dictionary<string, string?>
        {
            ["TOOLS_LOCK"] = scratch.Combine("tools.lock"),
            ["TOOLS_DEST"] = dest,
            ["TOOLS_SOURCE_DIR"] = sources,
            ["TOOLS_CACHE_DIR"] = "",
        });

    private static void WriteStandIn(string path, string body, UnixFileMode? mode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | ExecuteBits));
    }

    private static async Task<string> RunAsync(string executable)
    {
        var result = await Shell.RunAsync(executable, [], timeout: TimeSpan.FromSeconds(30));
        Assert.Equal(0, result.ExitCode);
        return result.StandardOutput.Trim();
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Upstream files as the pins name them: a bare binary, a zip and a tar.gz archive.</summary>
    private sealed record Sources(string Folder, byte[] YtDlp, byte[] Deno, byte[] Ffmpeg)
    {
        public static Sources Create(string folder)
        {
            Directory.CreateDirectory(folder);
            byte[] ytDlp = Encoding.UTF8.GetBytes("#!/bin/sh\necho yt-dlp\n");
            byte[] deno = Encoding.UTF8.GetBytes("#!/bin/sh\necho deno\n");
            byte[] ffmpeg = Encoding.UTF8.GetBytes("#!/bin/sh\necho ffmpeg\n");
            File.WriteAllBytes(Path.Combine(folder, "yt-dlp_linux"), ytDlp);

            using (ZipArchive zip = ZipFile.Open(Path.Combine(folder, "deno.zip"), ZipArchiveMode.Create))
            using (Stream entry = zip.CreateEntry("deno").Open())
            {
                entry.Write(deno);
            }

            using (FileStream file = File.Create(Path.Combine(folder, "ffmpeg.tar.gz")))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            using (var tar = new TarWriter(gzip))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "ffmpeg-static/ffmpeg")
                {
                    DataStream = new MemoryStream(ffmpeg),
                });
            }

            return new Sources(folder, ytDlp, deno, ffmpeg);
        }

        public string Lock() =>
            "# name version sha256 url [member]\n" +
            $"yt-dlp 1 {Sha256(YtDlp)} https://example.invalid/releases/yt-dlp_linux\n" +
            $"deno 2 {SumOf("deno.zip")} https://example.invalid/deno.zip deno\n" +
            $"ffmpeg 3 {SumOf("ffmpeg.tar.gz")} https://example.invalid/ffmpeg.tar.gz ffmpeg-static/ffmpeg\n";

        public string SumOf(string file) => Sha256(File.ReadAllBytes(Path.Combine(Folder, file)));
    }
}
