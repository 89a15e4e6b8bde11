# bash completion for mamori; installed as share/bash-completion/completions/mamori.
#
# The subcommands, options and allowed values come from the program's own --help (CLI11's
# layout), read when TAB is pressed, so the completion cannot fall behind the program:
#   Subcommands:  "  build     render the portal ..."     -> words after `mamori`
#   Options:      "  --format TEXT:{text,json}  ..."       -> --format, then text or json
#                 "  --root TEXT:DIR  ..."                 -> folders
#                 "  --offline     ..."                    -> a flag: takes no value
#   Positionals:  "  kind TEXT:{page} REQUIRED  ..."       -> page
# TEXT alone (a file name, like the CSV of `contacts export`) completes file names.
# Works with or without the bash-completion package loaded.

# Prints the help of `mamori WORDS...` in English (the layout parsed below).
_mamori_help() {
  local program=$1
  shift
  LC_ALL=C.UTF-8 LANGUAGE= "$program" "$@" --help 2>/dev/null
}

# Reads one help text on stdin into the caller's _mamori_subs, _mamori_options (name then
# type, in pairs; the type is empty for a flag) and _mamori_positionals (types, in order).
_mamori_parse_help() {
  local line section head names type name
  local -a list
  _mamori_subs=() _mamori_options=() _mamori_positionals=()
  while IFS= read -r line; do
    case $line in
      Subcommands:) section=subs; continue ;;
      Options:) section=options; continue ;;
      Positionals:) section=positionals; continue ;;
      "  "[!\ ]*) ;;
      *) continue ;;
    esac
    head=${line#  }
    head=${head%%  *}
    names=${head%% *}
    type=
    [[ $head == *" "* ]] && type=${head#* } && type=${type%% *}
    case $section in
      subs) _mamori_subs+=("$names") ;;
      options)
        IFS=, read -ra list <<< "$names"
        for name in "${list[@]}"; do _mamori_options+=("$name" "$type"); done
        ;;
      positionals) _mamori_positionals+=("$type") ;;
    esac
  done
}

# Sets COMPREPLY for a value of TYPE (a CLI11 type like TEXT:{a,b}, TEXT:DIR, INT:...).
_mamori_complete_value() {
  local type=$1 cur=$2 choices
  case $type in
    *:\{*\}*)
      choices=${type#*\{}
      choices=${choices%%\}*}
      mapfile -t COMPREPLY < <(compgen -W "${choices//,/ }" -- "$cur")
      ;;
    *:DIR*)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      ;;
    TEXT*)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      ;;
    *) COMPREPLY=() ;;
  esac
}

# The type of option NAME in _mamori_options; returns 1 when there is no such option.
_mamori_option_type() {
  local i
  for ((i = 0; i < ${#_mamori_options[@]}; i += 2)); do
    if [[ ${_mamori_options[i]} == "$1" ]]; then
      printf '%s' "${_mamori_options[i + 1]}"
      return 0
    fi
  done
  return 1
}

_mamori() {
  local program=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} word type i positional=0
  local -a path=() _mamori_subs _mamori_options _mamori_positionals
  COMPREPLY=()
  command -v "$program" >/dev/null 2>&1 || return 0
  _mamori_parse_help < <(_mamori_help "$program")

  # Walk the words before the cursor: subcommands narrow the help; an option that takes a
  # value swallows the next word; anything else is a positional argument.
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == -* ]]; then
      [[ $word == *=* ]] && continue
      # "--format=json" reaches us as three words: --format, =, json.
      type=$(_mamori_option_type "$word") && [[ -n $type ]] && ((i++)) && [[ ${COMP_WORDS[i]} == = ]] && ((i++))
      continue
    fi
    if [[ " ${_mamori_subs[*]} " == *" $word "* && $positional -eq 0 ]]; then
      path+=("$word")
      _mamori_parse_help < <(_mamori_help "$program" "${path[@]}")
      continue
    fi
    ((positional++))
  done

  # The value of the option just before the cursor, also after "=" (--format=VALUE).
  local previous=${COMP_WORDS[COMP_CWORD - 1]}
  if [[ $cur == = ]]; then
    previous=${COMP_WORDS[COMP_CWORD - 1]} cur=
  elif [[ $previous == = ]] && ((COMP_CWORD > 2)); then
    previous=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  if ((COMP_CWORD > 1)) && [[ $previous == -* ]] && type=$(_mamori_option_type "$previous") && [[ -n $type ]]; then
    _mamori_complete_value "$type" "$cur"
    return 0
  fi

  if [[ $cur == -* ]]; then
    local -a names=()
    for ((i = 0; i < ${#_mamori_options[@]}; i += 2)); do names+=("${_mamori_options[i]}"); done
    mapfile -t COMPREPLY < <(compgen -W "${names[*]}" -- "$cur")
    return 0
  fi
  if ((${#_mamori_subs[@]} > 0 && positional == 0)); then
    mapfile -t COMPREPLY < <(compgen -W "${_mamori_subs[*]}" -- "$cur")
    return 0
  fi
  # Past the last positional, a repeating one ("inputs TEXT ...") takes more.
  local count=${#_mamori_positionals[@]}
  ((count == 0)) && return 0
  ((positional >= count)) && positional=$((count - 1))
  _mamori_complete_value "${_mamori_positionals[positional]}" "$cur"
}

complete -F _mamori mamori
