PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY,
    "Timestamp" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);
INSERT INTO __EFMigrationsHistory VALUES('20261121000000_CreateIdentitySchema','10.0.14');
INSERT INTO __EFMigrationsHistory VALUES('20261121000100_AddChats','10.0.14');
CREATE TABLE IF NOT EXISTS "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);
CREATE TABLE IF NOT EXISTS "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
, "DisplayName" TEXT NULL, "TimeZone" TEXT NULL, "DefaultChatId" TEXT NULL);
INSERT INTO AspNetUsers VALUES('c778dd10-0d07-409e-bbd4-14127f05f11a','ann@example.test','ANN@EXAMPLE.TEST','ann@example.test','ANN@EXAMPLE.TEST',1,'AQAAAAIAAYagAAAAEPcztHsEOMtq157gAfufc19NyoU0o0Nb+VAOrdLCCEwLOORZxFWjhyjDVmUVHRkfFg==','LPXODDK545SZDM3M4JKV7WPUFLPIVGIJ','0ecde062-1e9d-4726-a1bb-6949a036cfd7',NULL,0,0,NULL,1,0,NULL,'Europe/Berlin','00000000-0000-4000-8000-000000000003');
INSERT INTO AspNetUsers VALUES('7941b925-d439-4eba-a5d1-4e90d4b1c862','bob@example.test','BOB@EXAMPLE.TEST','bob@example.test','BOB@EXAMPLE.TEST',1,'AQAAAAIAAYagAAAAEIwFN/IpIze1K8hzObUx85DHWoZ0ghvm48iGoTlO3tfBJdUir7aogLXiMgqOupxyAw==','YDRDLIGMQ3TGPZBTLECGOBBNKNRFKYZ5','41c0a49d-6d4d-47b6-9e63-900033b0cd24',NULL,0,0,NULL,1,0,NULL,NULL,NULL);
CREATE TABLE IF NOT EXISTS "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserPasskeys" (
    "CredentialId" BLOB NOT NULL CONSTRAINT "PK_AspNetUserPasskeys" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "FK_AspNetUserPasskeys_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "Chats" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Chats" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "LastActivityAt" TEXT NOT NULL,
    "Pinned" INTEGER NOT NULL,
    "Provider" TEXT NULL,
    "Model" TEXT NULL,
    CONSTRAINT "FK_Chats_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
INSERT INTO Chats VALUES('3F2B8A9E-5C1D-4E7F-9A0B-1C2D3E4F5A6B','c778dd10-0d07-409e-bbd4-14127f05f11a','Lisbon trip','2026-11-30 06:39:41.0157565','2026-11-30 06:39:41.0964718',1,'gemini','gemini-2.5-pro');
INSERT INTO Chats VALUES('00000000-0000-4000-8000-000000000003','c778dd10-0d07-409e-bbd4-14127f05f11a','Messages','2026-11-28 09:15:00','2026-11-28 09:15:00',0,NULL,NULL);
INSERT INTO Chats VALUES('01A22B2E-40F2-7629-BF99-F0FA567EEEC2','7941b925-d439-4eba-a5d1-4e90d4b1c862','Bob''s','2026-11-30 06:39:41.2995535','2026-11-30 06:39:41.2995535',0,NULL,NULL);
CREATE TABLE IF NOT EXISTS "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL
);
INSERT INTO DataProtectionKeys VALUES(1,'key-50350390-0171-4444-b3d9-c41082ef4655','<key id="50350390-0171-4444-b3d9-c41082ef4655" version="1"><creationDate>2026-11-30T06:39:39.4840472Z</creationDate><activationDate>2026-11-30T06:39:39.4840472Z</activationDate><expirationDate>2027-02-28T06:39:39.4840472Z</expirationDate><descriptor deserializerType="Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel.AuthenticatedEncryptorDescriptorDeserializer, Microsoft.AspNetCore.DataProtection, Version=10.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60"><descriptor><encryption algorithm="AES_256_CBC" /><validation algorithm="HMACSHA256" /><masterKey p4:requiresEncryption="true" xmlns:p4="http://schemas.asp.net/2015/03/dataProtection"><!-- Warning: the key below is in an unencrypted form. --><value>4rGORb6wK6lopnf2/ui7SeYmcOYwnH+ZBKfsWhQUsZqngu9XTvyhKFM3lVDggkcfSH/cgxPRrXmqtgQ0WixSPg==</value></masterKey></descriptor></descriptor></key>');
CREATE TABLE IF NOT EXISTS "Messages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Messages" PRIMARY KEY AUTOINCREMENT,
    "ChatId" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Content" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Provider" TEXT NULL,
    "Model" TEXT NULL,
    "Error" TEXT NULL,
    "PromptTokens" INTEGER NULL,
    "CompletionTokens" INTEGER NULL,
    "UpdatedAt" TEXT NOT NULL,
    "StopRequested" INTEGER NOT NULL,
    CONSTRAINT "FK_Messages_Chats_ChatId" FOREIGN KEY ("ChatId") REFERENCES "Chats" ("Id") ON DELETE CASCADE
);
INSERT INTO Messages VALUES(1,'3F2B8A9E-5C1D-4E7F-9A0B-1C2D3E4F5A6B','User','Plan a weekend in Lisbon','2026-11-30 06:39:41.0964718','Complete',NULL,NULL,NULL,NULL,NULL,'2026-11-30 06:39:41.0964718',0);
INSERT INTO Messages VALUES(2,'3F2B8A9E-5C1D-4E7F-9A0B-1C2D3E4F5A6B','Assistant','Day 1: Alfama. Day 2: Belém.','2026-11-28 09:15:00','Complete','gemini','gemini-2.5-pro',NULL,12,34,'2026-11-28 09:15:00',0);
INSERT INTO Messages VALUES(3,'3F2B8A9E-5C1D-4E7F-9A0B-1C2D3E4F5A6B','Assistant','half','2026-11-28 09:16:00','Stopped','openai','gpt-4o-mini',NULL,NULL,NULL,'2026-11-28 09:16:00',0);
INSERT INTO Messages VALUES(4,'00000000-0000-4000-8000-000000000003','User','logged hello','2026-11-28 09:15:00','Complete',NULL,NULL,NULL,NULL,NULL,'2026-11-28 09:15:00',0);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('DataProtectionKeys',1);
INSERT INTO sqlite_sequence VALUES('Messages',4);
CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");
CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");
CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");
CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");
CREATE INDEX "IX_AspNetUserPasskeys_UserId" ON "AspNetUserPasskeys" ("UserId");
CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");
CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");
CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");
CREATE INDEX "IX_Chats_UserId_CreatedAt" ON "Chats" ("UserId", "CreatedAt");
CREATE INDEX "IX_Chats_UserId_LastActivityAt" ON "Chats" ("UserId", "LastActivityAt");
CREATE INDEX "IX_Chats_UserId_Pinned_LastActivityAt" ON "Chats" ("UserId", "Pinned", "LastActivityAt");
CREATE INDEX "IX_Messages_ChatId_Id" ON "Messages" ("ChatId", "Id");
CREATE INDEX "IX_Messages_Status" ON "Messages" ("Status");
CREATE UNIQUE INDEX "IX_Messages_OneStreamingPerChat" ON "Messages" ("ChatId") WHERE "Status" = 'Streaming';
COMMIT;
