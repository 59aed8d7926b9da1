# Shell functions for package scripts (sourced, not run). Every package's postinst and prerm
# wrapper sources this file and calls default_postinst or default_prerm with its own path, so
# these run for each package installed, on a live system (IPKG_INSTROOT empty) or on a root
# file system being assembled (IPKG_INSTROOT is its directory).

# The first free number from 32768 in column 3 of FILE (passwd or group).
first_free_id() {
  local id=32768
  while cut -d: -f3 "$1" 2>/dev/null | grep -qx "$id"; do
    id=$((id + 1))
  done
  echo "$id"
}

group_exists() {
  grep -qs "^$1:" "${IPKG_INSTROOT}/etc/group"
}

user_exists() {
  grep -qs "^$1:" "${IPKG_INSTROOT}/etc/passwd"
}

# group_add NAME GID
group_add() {
  [ -f "${IPKG_INSTROOT}/etc/group" ] || return 1
  echo "$1:x:$2:" >> "${IPKG_INSTROOT}/etc/group"
}

# group_add_next NAME: the group's id, adding the group with a free id if it is not there.
group_add_next() {
  local gid
  gid="$(grep -s "^$1:" "${IPKG_INSTROOT}/etc/group" | cut -d: -f3)"
  if [ -z "$gid" ]; then
    gid="$(first_free_id "${IPKG_INSTROOT}/etc/group")"
    group_add "$1" "$gid"
  fi
  echo "$gid"
}

# group_add_user GROUP USER: USER becomes a member of GROUP (the fourth column).
group_add_user() {
  local file="${IPKG_INSTROOT}/etc/group" members
  members="$(grep -s "^$1:" "$file" | cut -d: -f4)"
  case ",$members," in *",$2,"*) return 0 ;; esac
  sed -i "s/^\($1:[^:]*:[^:]*:\)\(.*\)\$/\1\2${members:+,}$2/" "$file"
}

# user_add NAME [UID [GID [DESCRIPTION [HOME [SHELL]]]]]: a locked account (no password).
user_add() {
  local name="$1" uid="$2" gid="$3" desc="${4:-$1}" home="${5:-/var/run/$1}" shell="${6:-/bin/false}"
  [ -f "${IPKG_INSTROOT}/etc/passwd" ] || return 1
  [ -n "$uid" ] || uid="$(first_free_id "${IPKG_INSTROOT}/etc/passwd")"
  [ -n "$gid" ] || gid="$uid"
  echo "$name:x:$uid:$gid:$desc:$home:$shell" >> "${IPKG_INSTROOT}/etc/passwd"
  echo "$name:x:0:0:99999:7:::" >> "${IPKG_INSTROOT}/etc/shadow"
}

# The accounts a package's control file asks for in Require-User, one word per user:
# USER[=UID]:GROUP[=GID][:EXTRA[=GID],EXTRA...].
add_group_and_user() {
  local control="${IPKG_INSTROOT}/usr/lib/opkg/info/$1.control"
  local wanted word user group extra more uid gid name id saved="$IFS"
  wanted="$(sed -n 's/^Require-User: *//p' "$control" 2>/dev/null)"
  for word in $wanted; do
    IFS=":"
    set -- $word
    IFS="$saved"
    user="$1"; group="$2"; extra="$3"
    uid="${user#*=}"; [ "$uid" != "$user" ] || uid=""; user="${user%%=*}"
    gid="${group#*=}"; [ "$gid" != "$group" ] || gid=""; group="${group%%=*}"

    if [ -n "$group" ]; then
      if [ -n "$gid" ]; then
        group_exists "$group" || group_add "$group" "$gid"
      else
        gid="$(group_add_next "$group")"
      fi
    fi
    if [ -n "$user" ]; then
      user_exists "$user" || user_add "$user" "$uid" "$gid"
      [ -z "$group" ] || group_add_user "$group" "$user"
      IFS=","
      for more in $extra; do
        IFS="$saved"
        name="${more%%=*}"; id="${more#*=}"
        if [ "$id" != "$more" ]; then
          group_exists "$name" || group_add "$name" "$id"
        else
          group_add_next "$name" > /dev/null
        fi
        group_add_user "$name" "$user"
      done
      IFS="$saved"
    fi
  done
}

# default_postinst SCRIPT-PATH: the accounts the package asks for, then its own postinst, then
# its services enabled (when the image has rc.common to do it).
default_postinst() {
  local root="${IPKG_INSTROOT}" name status=0 service
  name="$(basename "${1%.*}")"
  add_group_and_user "$name"
  if [ -f "$root/usr/lib/opkg/info/$name.postinst-pkg" ]; then
    ( . "$root/usr/lib/opkg/info/$name.postinst-pkg" )
    status=$?
  fi
  if [ -f "$root/etc/rc.common" ]; then
    for service in $(grep -s "^/etc/init.d/" "$root/usr/lib/opkg/info/$name.list"); do
      if [ -n "$root" ]; then
        /bin/sh "$root/etc/rc.common" "$root$service" enable
      else
        "$service" enable
        "$service" start
      fi
    done
  fi
  return $status
}

# default_prerm SCRIPT-PATH: the package's own prerm, then its services stopped and disabled.
default_prerm() {
  local root="${IPKG_INSTROOT}" name status=0 service
  name="$(basename "${1%.*}")"
  if [ -f "$root/usr/lib/opkg/info/$name.prerm-pkg" ]; then
    ( . "$root/usr/lib/opkg/info/$name.prerm-pkg" )
    status=$?
  fi
  if [ -f "$root/etc/rc.common" ]; then
    for service in $(grep -s "^/etc/init.d/" "$root/usr/lib/opkg/info/$name.list"); do
      if [ -n "$root" ]; then
        /bin/sh "$root/etc/rc.common" "$root$service" disable
      else
        "$service" stop
        "$service" disable
      fi
    done
  fi
  return $status
}
