-- Sign-in through the organisation's identity provider: a user is found by the provider's subject,
-- or at the first sign-in by e-mail, which then binds the subject.
ALTER TABLE "User" ADD COLUMN "oidcSubject" TEXT;
CREATE UNIQUE INDEX "User_oidcSubject_key" ON "User"("oidcSubject");
