/*
 * bootcheck: the first process of an example image. It checks what assembling the root file
 * system should have left there, prints one line per finding on the console (each starting
 * "bootcheck: "), a last line saying whether all went well, and powers the machine off.
 * Started as any other program (not PID 1) it prints the same and exits 0 or 1 instead, so
 * that it can be tried in a root directory under qemu-user or chroot.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <greet.h>

#define CONFFILE "/etc/config/bootcheck"
#define POSTINST_MARKER "/etc/bootcheck.postinst"
#define OPKG_STATUS "/usr/lib/opkg/status"
#define ACCOUNT "bootcheck"
#define ACCOUNT_ID "4242"

/* The checks that failed, comma-separated, for the last line. */
static char failures[512];

static void say(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	fputs("bootcheck: ", stdout);
	vprintf(format, args);
	fputc('\n', stdout);
	fflush(stdout);
	va_end(args);
}

static void failed(const char *check)
{
	size_t used = strlen(failures);
	snprintf(failures + used, sizeof(failures) - used, "%s%s", used ? ", " : "", check);
}

/* The line without its line break. */
static char *chomp(char *line)
{
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

static void check_console(void)
{
	struct stat st;
	if (stat("/dev/console", &st) != 0) {
		say("/dev/console: %s", strerror(errno));
		failed("/dev/console");
	} else if (!S_ISCHR(st.st_mode)) {
		say("/dev/console is not a character device");
		failed("/dev/console");
	} else {
		say("/dev/console: character device %u:%u", major(st.st_rdev), minor(st.st_rdev));
	}
}

static void check_conffile(void)
{
	char line[256];
	FILE *file = fopen(CONFFILE, "r");
	if (file == NULL) {
		say("%s: %s", CONFFILE, strerror(errno));
		failed(CONFFILE);
		return;
	}
	if (fgets(line, sizeof(line), file) == NULL) {
		say("%s: empty", CONFFILE);
		failed(CONFFILE);
	} else {
		say("%s: %s", CONFFILE, chomp(line));
	}
	fclose(file);
}

static void check_postinst(void)
{
	char line[256];
	FILE *file = fopen(POSTINST_MARKER, "r");
	if (file == NULL) {
		say("postinst marker %s: %s", POSTINST_MARKER, strerror(errno));
		failed("postinst");
		return;
	}
	if (fgets(line, sizeof(line), file) == NULL)
		line[0] = '\0';
	say("postinst marker %s: %s", POSTINST_MARKER, chomp(line));
	fclose(file);
}

/* Whether a colon-separated accounts file has a line for NAME whose third field is ID. */
static int has_account(const char *path, const char *name, const char *id)
{
	char line[512];
	int found = 0;
	FILE *file = fopen(path, "r");
	if (file == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), file) != NULL) {
		char *fields[3] = { NULL, NULL, NULL };
		char *rest = chomp(line);
		for (int i = 0; i < 3 && rest != NULL; i++)
			fields[i] = strsep(&rest, ":");
		found = fields[2] != NULL && strcmp(fields[0], name) == 0 && strcmp(fields[2], id) == 0;
	}
	fclose(file);
	return found;
}

static void check_account(const char *path, const char *what)
{
	if (has_account(path, ACCOUNT, ACCOUNT_ID)) {
		say("%s %s (%s) is in %s", what, ACCOUNT, ACCOUNT_ID, path);
	} else {
		say("%s %s (%s) is not in %s", what, ACCOUNT, ACCOUNT_ID, path);
		failed(path);
	}
}

/* The names of the installed packages, from the package manager's status file. */
static void check_packages(void)
{
	char line[512], names[4096] = "";
	int own = 0;
	FILE *file = fopen(OPKG_STATUS, "r");
	if (file == NULL) {
		say("%s: %s", OPKG_STATUS, strerror(errno));
		failed(OPKG_STATUS);
		return;
	}
	while (fgets(line, sizeof(line), file) != NULL) {
		if (strncmp(line, "Package:", 8) != 0)
			continue;
		char *name = chomp(line + 8) + strspn(line + 8, " \t");
		size_t used = strlen(names);
		snprintf(names + used, sizeof(names) - used, "%s%s", used ? " " : "", name);
		own |= strcmp(name, "bootcheck") == 0;
	}
	fclose(file);
	say("packages: %s", names);
	if (!own) {
		say("bootcheck itself is not in %s", OPKG_STATUS);
		failed(OPKG_STATUS);
	}
}

/* Calls into libgreet: the library came from the feed too, and the dynamic loader found it. */
static void check_library(void)
{
	char line[128];
	greet(line, sizeof(line), "Hello", "bootcheck");
	say("libgreet %s: %s", greet_version(), line);
}

int main(void)
{
	int init = getpid() == 1;

	say("running as %s", init ? "init (PID 1)" : "a program");
	check_console();
	check_conffile();
	check_postinst();
	check_account("/etc/passwd", "user");
	check_account("/etc/group", "group");
	check_packages();
	check_library();
	if (failures[0] != '\0')
		say("FAILED: %s", failures);
	else
		say("all checks passed");

	if (!init)
		return failures[0] != '\0';

	/* init must not exit (the kernel would panic): power off, or else reset, which ends a
	 * QEMU started with -no-reboot as well. */
	sync();
	reboot(RB_POWER_OFF);
	say("power-off failed: %s", strerror(errno));
	reboot(RB_AUTOBOOT);
	for (;;)
		pause();
}
