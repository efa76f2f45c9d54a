# bash completion for oversight                            -*- shell-script -*-
#
# Completes the commands, the options of each command, folders for DATA,
# --out, --templates, --export and the template folder, files for
# --standards, --history and the history command's FILE, the mapping profiles
# for --profile and the agency folders of DATA for --agency.
# Installed as share/bash-completion/completions/oversight; it can also be
# loaded by hand with: . completions/oversight.bash

# The installed templates folder, when this file sits in
# PREFIX/share/bash-completion/completions: PREFIX/share/oversight.
_oversight_share=${BASH_SOURCE[0]%/*}/../../oversight

# _oversight_compgen KIND WORD: fills COMPREPLY with folders (KIND d) or
# files and folders (KIND f) matching WORD.
_oversight_compgen()
{
    if declare -F _filedir >/dev/null; then
        # bash-completion's helper: handles ~, quoting and spaces.
        local cur=$2
        if [[ $1 == d ]]; then _filedir -d; else _filedir; fi
        return
    fi
    compopt -o filenames 2>/dev/null
    if [[ $1 == d ]]; then
        mapfile -t COMPREPLY < <(compgen -d -- "$2")
    else
        mapfile -t COMPREPLY < <(compgen -f -- "$2")
    fi
}

_oversight()
{
    local cur prev cmd i word data="" templates=""
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}

    local commands="report validate template history help --help --version"
    local value_opts="--period --out --name --trend --agency --standards --suppress --threads
        --as-of --title --author --marking --templates --profile --history --export"
    local report_opts="--period --out --name --trend --agency --standards --suppress
        --strict --as-of --title --author --marking --templates --profile --history
        --threads --no-wait --quiet --verbose --help"
    local validate_opts="--out --strict --templates --profile --threads --no-wait --quiet --verbose
        --help"
    local template_opts="--xlsx --agency --force --help"
    local history_opts="--export --no-wait --quiet --verbose --help"

    if ((COMP_CWORD == 1)); then
        mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
        return 0
    fi
    cmd=${COMP_WORDS[1]}

    # What the line says so far: the data folder and --templates.
    for ((i = 2; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --templates)
            templates=${COMP_WORDS[i + 1]}
            ((i++))
            ;;
        -*)
            [[ " ${value_opts//$'\n'/ } " == *" $word "* ]] && ((i++))
            ;;
        *) [[ -z $data ]] && data=$word ;;
        esac
    done

    case $cmd in
    report | validate | template | history) ;;
    *) return 0 ;;
    esac

    case $prev in
    --out | --templates | --export)
        _oversight_compgen d "$cur"
        return 0
        ;;
    --standards | --history)
        _oversight_compgen f "$cur"
        return 0
        ;;
    --profile)
        local dir names=""
        for dir in "$templates" templates "$_oversight_share"; do
            [[ -n $dir && -d $dir/profiles ]] || continue
            names=$(cd "$dir/profiles" && for f in *.csv; do
                [[ -e $f && $f != default.csv ]] && printf '%s\n' "${f%.csv}"
            done)
            break
        done
        mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
        return 0
        ;;
    --agency)
        local names=""
        if [[ -n $data && -f $data/agencies.csv ]]; then
            names=$(cd "$data" && for f in */; do
                [[ -d $f ]] && printf '%s\n' "${f%/}"
            done)
        fi
        mapfile -t COMPREPLY < <(compgen -W "$names" -- "$cur")
        return 0
        ;;
    --period | --name | --trend | --suppress | --threads | --as-of | --title | --author | --marking)
        # A value the user types: nothing to suggest.
        return 0
        ;;
    esac

    if [[ $cur == -* ]]; then
        case $cmd in
        report) mapfile -t COMPREPLY < <(compgen -W "$report_opts" -- "$cur") ;;
        validate) mapfile -t COMPREPLY < <(compgen -W "$validate_opts" -- "$cur") ;;
        template) mapfile -t COMPREPLY < <(compgen -W "$template_opts" -- "$cur") ;;
        history) mapfile -t COMPREPLY < <(compgen -W "$history_opts" -- "$cur") ;;
        esac
        return 0
    fi

    # FILE (history): the history file.
    if [[ $cmd == history ]]; then
        [[ -z $data ]] && _oversight_compgen f "$cur"
        return 0
    fi

    # DATA (report, validate) or DIR (template): one folder.
    [[ -z $data ]] && _oversight_compgen d "$cur"
    return 0
} &&
    complete -F _oversight oversight

# ex: filetype=sh
