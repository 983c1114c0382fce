/**
 * The RestController shortcut for `GET /things`, `GET /things/<id>` and `POST /things` (src/
 * dispatch/rest-shortcut.ts) must step aside whenever a rule of §4.2–4.5 could answer
 * differently.
 */
import { expect, it } from 'vitest';
import { describeAdapters } from '../support/adapters.js';
import { RestController, expose, makeApp } from '../../src/index.js';
import { quiet } from '../support/logger.js';

class Things extends RestController {
  @expose() getAll() {
    return 'all';
  }
  @expose() getOne(id: string) {
    return `one ${id}`;
  }
  @expose() new() {
    return 'new form';
  }
  @expose() edit(id: string) {
    return `edit ${id}`;
  }
  @expose() getDelete(id: string) {
    return `confirm delete ${id}`;
  }
}

class Colours extends RestController {
  @expose() getOne(id: string) {
    return `colour ${id}`;
  }
}

class WithSub extends Things {
  colours = new Colours();
}

class WithActions extends Things {
  customActions = { count: ['GET'] };
  @expose() getCount() {
    return 'count';
  }
}

class WithStaticActions extends Things {
  static customActions = { count: ['GET'] };
  @expose() getCount() {
    return 'static count';
  }
}

class WithLookup extends Things {
  @expose() _lookup(...rest: string[]) {
    return [new Colours(), rest.slice(1)];
  }
}

class WithField extends Things {
  override getOne = expose()((id: string) => `field ${id}`);
}

class Pair extends RestController {
  @expose() getOne(a: string, b = 'none') {
    return `pair ${a} ${b}`;
  }
}

class Children extends RestController {
  @expose() getOne(parentId: string, id: string) {
    return `child ${id} of ${parentId}`;
  }
}

class Parent extends RestController {
  @expose() getOne(id: string) {
    return `parent ${id}`;
  }
  children = new Children();
}

class Posts extends RestController {
  @expose() getOne(id: string) {
    return `post ${id}`;
  }
  @expose() post(title: string) {
    return `created ${title}`;
  }
  @expose() put(id: string, title: string) {
    return `put ${id} ${title}`;
  }
}

class PostsWithLookup extends Posts {
  @expose() _lookup(...rest: string[]) {
    return [new Colours(), rest.slice(1)];
  }
}

class PostsWithActions extends Posts {
  customActions = { publish: ['POST'] };
  @expose() postPublish() {
    return 'published';
  }
}

class PostField extends Posts {
  override post = expose()((title: string) => `field ${title}`);
}

class Comments extends RestController {
  @expose() post(postId: string, text: string) {
    return `comment ${text} on ${postId}`;
  }
}

class PostsWithComments extends Posts {
  comments = new Comments();
}

class Root {
  things = new Things();
  posts = new Posts();
  postsLookup = new PostsWithLookup();
  postsActions = new PostsWithActions();
  postField = new PostField();
  postsComments = new PostsWithComments();
  sub = new WithSub();
  actions = new WithActions();
  statics = new WithStaticActions();
  lookup = new WithLookup();
  field = new WithField();
  pair = new Pair();
  parent = new Parent();
}

describeAdapters('RestController GET shortcut', ({ client }) => {
  it('answers getAll and getOne', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    for (let i = 0; i < 2; i++) {
      expect((await c.get('/things')).text).toBe('all');
      expect((await c.get('/things/')).text).toBe('all');
      expect((await c.get('/things/7')).text).toBe('one 7');
      expect((await c.get('/things/7/')).text).toBe('one 7');
    }
  });

  it('leaves new, edit and delete to their methods', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/things/new')).text).toBe('new form');
    expect((await c.get('/things/7/edit')).text).toBe('edit 7');
    expect((await c.get('/things/7/delete')).text).toBe('confirm delete 7');
  });

  it('walks into a sub-controller named by the segment', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/sub/colours/red')).text).toBe('colour red');
    expect((await c.get('/sub/7')).text).toBe('one 7');
    // Colours has no getAll: the walk into it ends in a 405, not in WithSub.getOne('colours').
    expect((await c.get('/sub/colours')).status).toBe(405);
  });

  it('serves custom actions, declared on the instance or the class', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/actions/count')).text).toBe('count');
    expect((await c.get('/statics/count')).text).toBe('static count');
    expect((await c.get('/actions/7')).text).toBe('one 7');
  });

  it('lets a _lookup answer what getOne cannot take', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/lookup/7')).text).toBe('one 7');
    expect((await c.get('/lookup/x/blue')).text).toBe('colour blue');
  });

  it('uses a getOne class field, optional ids, and nested resources', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.get('/field/7')).text).toBe('field 7');
    expect((await c.get('/pair/1')).text).toBe('pair 1 none');
    expect((await c.get('/pair/1/2')).text).toBe('pair 1 2');
    expect((await c.get('/parent/1/children/2')).text).toBe('child 2 of 1');
    expect((await c.get('/parent/1')).text).toBe('parent 1');
  });
});

describeAdapters('RestController POST shortcut', ({ client }) => {
  it('answers post, and leaves a missing post to the full rules (405 with Allow)', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    for (let i = 0; i < 2; i++) {
      expect((await c.post('/posts', { json: { title: 'a' } })).text).toBe('created a');
      expect((await c.post('/posts/', { json: { title: 'b' } })).text).toBe('created b');
      const refused = await c.post('/things', { json: {} });
      expect(refused.status).toBe(405);
      expect(refused.headers.get('allow')).toContain('GET');
    }
  });

  it('gives segments below the controller to the full rules', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.post('/postsActions/publish', { json: {} })).text).toBe('published');
    expect((await c.post('/postsActions', { json: { title: 'c' } })).text).toBe('created c');
    expect((await c.post('/postsLookup/x/blue', { json: {} })).status).toBe(405);
    expect((await c.post('/postsLookup', { json: { title: 'd' } })).text).toBe('created d');
    expect((await c.post('/postsComments/7/comments', { json: { text: 'hi' } })).text).toBe(
      'comment hi on 7',
    );
  });

  it('uses a post class field, and a tunnelled POST', async () => {
    const c = await client(makeApp(new Root(), { logger: quiet }));
    expect((await c.post('/postField', { json: { title: 'e' } })).text).toBe('field e');
    expect((await c.get('/posts?_method=post&title=f')).text).toBe('created f');
    expect((await c.post('/posts/7?_method=put', { json: { title: 'g' } })).text).toBe('put 7 g');
  });
});
