using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace FunctionsDownloader.MediaSite.Serving;

/// <summary>Builds the ASP.NET Core application that serves a generated media directory.</summary>
internal static class SiteApplication
{
    public static WebApplication Build(string mediaDirectory, LocalMediaSiteOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SiteApplication).Assembly.GetName().Name,
            ContentRootPath = mediaDirectory,
        });

        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.ListenAddress, options.Port);
        });

        // Stalls, truncations and throttled transfers end on ApplicationStopping; this caps the rest.
        builder.Services.Configure<HostOptions>(
            host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();

        // Created by the container so that it is disposed with the application.
        builder.Services.AddSingleton(_ => new PhysicalFileProvider(mediaDirectory));
        builder.Services.AddSingleton<WebhookRecorder>();
        builder.Services.AddSingleton<RequestRecorder>();
        builder.Services.AddSingleton<FlakySources>();

        var app = builder.Build();
        var files = app.Services.GetRequiredService<PhysicalFileProvider>();
        var stopping = app.Lifetime.ApplicationStopping;
        var staticFiles = new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = ContentTypes(),
        };

        var requests = app.Services.GetRequiredService<RequestRecorder>();
        app.Use((context, next) =>
        {
            requests.Add(context.Request);
            return next(context);
        });
        app.Map("/" + SitePaths.SlowPrefix.TrimEnd('/'), slow =>
        {
            slow.Use(async (context, next) =>
            {
                // Tests tag their downloads (?tag=…) to see how many of them overlap.
                using IDisposable? open =
                    context.Request.Query.TryGetValue("tag", out var tag) ? requests.Open(tag!) : null;
                await next(context);
            });
            slow.Use((context, next) =>
                Throttling.InvokeAsync(context, next, options.SlowBytesPerSecond, stopping));
            slow.UseStaticFiles(staticFiles);
        });
        app.UseStaticFiles(staticFiles);
        if (options.ExtraDirectory is { } extra)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(extra)),
                RequestPath = "/" + SitePaths.ExtraPrefix.TrimEnd('/'),
                ContentTypeProvider = ContentTypes(),
            });
        }

        FaultEndpoints.Map(app);
        OutputFaultEndpoints.Map(app);
        PageEndpoints.Map(app);
        PrivateEndpoints.Map(app);
        WebhookEndpoints.Map(app);
        FeedEndpoints.Map(app);

        return app;
    }

    // The defaults lack .m4s (DASH segments) and .vtt (WebVTT); the others get the types the HLS
    // and DASH specs name.
    private static FileExtensionContentTypeProvider ContentTypes()
    {
        var provider = new FileExtensionContentTypeProvider();
        provider.Mappings[".m4s"] = "video/iso.segment";
        provider.Mappings[".m3u8"] = "application/vnd.apple.mpegurl";
        provider.Mappings[".mpd"] = "application/dash+xml";
        provider.Mappings[".ts"] = "video/mp2t";
        provider.Mappings[".vtt"] = "text/vtt";
        return provider;
    }
}
