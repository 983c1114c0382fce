import { abort, expose, response, when } from 'pecan';

const people = new Map<number, string>([
  [1, 'Luke'],
  [2, 'Leia'],
  [3, 'Han'],
  [4, 'Anakin'],
]);

/** /people/<id>/: one person. */
class PersonController {
  constructor(private readonly personId: number) {}

  @expose({ generic: true })
  index() {
    return people.get(this.personId) ?? abort(404);
  }

  @when('index', { method: 'PUT' })
  put() {
    // TODO: update the person (an idempotent PUT answers 200 or 204)
    response.status = 204;
  }

  @when('index', { method: 'DELETE' })
  delete() {
    // TODO: delete the person
    response.status = 204;
  }
}

/** /people/: the collection. */
class PeopleController {
  // /people/<id>/... continues in a PersonController; a non-numeric id is a 404.
  @expose()
  _lookup(personId: string, ...remainder: string[]) {
    if (/^\d+$/.test(personId)) return [new PersonController(Number(personId)), remainder];
  }

  @expose({ generic: true, template: 'json' })
  index() {
    return Object.fromEntries(people);
  }

  @when('index', { method: 'POST', template: 'json' })
  post() {
    // TODO: create a person
    response.status = 201;
  }
}

export class RootController {
  people = new PeopleController();

  @expose()
  index() {
    return 'Hello, World!';
  }
}
