using ChatAi.Core.Chats;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatAi.Core;

public static class CoreServiceExtensions
{
    /// <summary>Everything ChatAi.Core needs: settings (.env included), the database, the chat rules.</summary>
    public static IHostApplicationBuilder AddChatAiCore(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddDotEnvFile(Path.Combine(Environment.CurrentDirectory, ".env"));
        builder.Services.AddOptions<ChatAiOptions>()
            .BindConfiguration(ChatAiOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => TimeZones.TryFind(o.DefaultTimeZone, out _), "ChatAi:DefaultTimeZone must be an IANA time zone such as UTC or Europe/Berlin.")
            .ValidateOnStart();
        builder.AddChatAiDatabase();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChatNotifier>();
        builder.Services.AddModelProviders(builder.Configuration);
        builder.Services.AddSingleton<GenerationRegistry>();
        builder.Services.AddSingleton<GenerationRunner>();
        builder.Services.AddSingleton<TurnWriter>();
        builder.Services.AddSingleton<UserQuota>();
        builder.Services.AddSingleton<TitleGenerator>();
        builder.Services.AddSingleton<ChatService>();
        builder.Services.AddSingleton<ReplyRuns>();
        builder.Services.AddSingleton<ReplyService>();
        builder.Services.AddSingleton<PresetService>();
        builder.Services.AddSingleton<UserTimeZones>();
        builder.Services.AddSingleton<LegacyMessageLog>();
        builder.Services.AddHostedService<GenerationShutdown>();
        builder.Services.AddHostedService<StaleReplySweeper>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
